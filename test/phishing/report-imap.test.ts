import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type MailboxConnector,
  type ReportMailboxClient,
  startImapPoller,
} from '../../src/modules/phishing/reporting/index.ts';
import { putReportMailbox } from '../../src/modules/phishing/reporting/report-mailbox.service.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import { openSecretBox, type SecretBox } from '../../src/platform/crypto/index.ts';
import { createUnconfiguredMailer } from '../../src/platform/mail/index.ts';
import { testDeps } from '../factories/org.ts';
import { capturedLogs, testMasterKey } from '../harness/app.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type ImapPeer, startImapPeer } from './imap-peer.ts';
import {
  buildDsoWithDomain,
  buildSentSimulation,
  compose,
  reportWithAttachment,
  type SimulationMessage,
  simulationEmail,
  trackingUrl,
} from './report-fixtures.ts';

const now = '2026-11-02T15:00:00.000Z';
const password = 'Report-Mailbox-Secret-42';

/** A mailbox behind the client interface, for a server answer the IMAP peer does not give (a quoted password). */
class FakeMailbox {
  uidValidity = '1001';
  messages = new Map<number, Buffer>();
  asked: number[] = [];
  signIns: { username: string; password: string }[] = [];
  refuse: string | undefined;

  connector: MailboxConnector = async (settings) => {
    this.signIns.push({ username: settings.username, password: settings.password });
    if (this.refuse) throw Object.assign(new Error('Command failed'), { responseText: this.refuse });
    const client: ReportMailboxClient = {
      open: async () => ({ uidValidity: this.uidValidity, exists: this.messages.size }),
      uidsAfter: async (lastUid) => {
        this.asked.push(lastUid);
        return [...this.messages.keys()].filter((uid) => uid > lastUid).sort((a, b) => a - b);
      },
      download: async (uid) => this.messages.get(uid),
      close: async () => {},
    };
    return client;
  };
}

describeEachDialect('report path: IMAP polling', (get) => {
  let deps: ServiceDeps;
  let secrets: SecretBox;
  let dsoId: string;
  let ana: SimulationMessage;
  let peer: ImapPeer;
  const mailboxAddress = 'phish-report@brightsmiles.example';
  const poller = (connect?: MailboxConnector) =>
    startImapPoller({
      deps,
      secrets,
      mailer: createUnconfiguredMailer(),
      trackingUrl,
      intervalMs: 0,
      ...(connect ? { connect } : {}),
    });
  const row = () => get().handle.db.selectFrom('reportMailboxes').selectAll().executeTakeFirstOrThrow();
  const reports = () =>
    get()
      .handle.db.selectFrom('reportedEmails')
      .select(['status', 'source'])
      .where('dsoId', '=', dsoId)
      .execute();
  const searches = () => peer.commands.filter((command) => command.includes('UID SEARCH'));

  beforeAll(async () => {
    deps = testDeps(get().handle, now);
    secrets = await openSecretBox({
      db: get().handle.db,
      config: loadConfig({ ENAMEL_MASTER_KEY: testMasterKey }),
    });
    dsoId = (await buildDsoWithDomain(deps, 'brightsmiles.example')).id;
    ana = (await buildSentSimulation(get().handle, dsoId, ['ana@brightsmiles.example']))
      .messages[0] as SimulationMessage;
    peer = await startImapPeer({ user: mailboxAddress, pass: password }, 'Reported');
    await putReportMailbox(deps, secrets, { dsoId }, loadConfig({}), {
      host: '127.0.0.1',
      port: peer.port,
      secure: false,
      username: mailboxAddress,
      password,
      folder: 'Reported',
      enabled: true,
    });
    peer.folder.messages.set(
      7,
      await compose(
        reportWithAttachment(ana.email, mailboxAddress, {
          filename: 'eob.eml',
          content: await simulationEmail(ana.email, ana.token),
          contentType: 'message/rfc822',
        }),
      ),
    );
    peer.folder.messages.set(
      9,
      await compose({
        from: 'x@lure.example',
        to: 'ben@brightsmiles.example',
        subject: 'Gift card',
        text: 'Buy 5 gift cards',
      }),
    );
    // Too large: skipped with a warning, never blocking the messages after it.
    peer.folder.messages.set(11, Buffer.alloc(25 * 1024 * 1024 + 1, 'a'));
  });
  afterAll(async () => peer.close());

  it('reads new messages of the DSO’s mailbox over IMAP, records progress, skips refused ones, changes nothing', async () => {
    await poller().runOnce();
    expect(peer.commands).toContain(`1 LOGIN "${mailboxAddress}" [hidden]`);
    expect(peer.commands.some((command) => command.endsWith('EXAMINE Reported'))).toBe(true);
    expect(searches()).toEqual([expect.stringContaining('UID SEARCH UID 1:*')]);
    const message = await get()
      .handle.db.selectFrom('phishingMessages')
      .select('reportedAt')
      .where('id', '=', ana.id)
      .executeTakeFirstOrThrow();
    expect(message.reportedAt).toBe(now);
    expect((await reports()).map((r) => `${r.source}:${r.status}`).sort()).toEqual([
      'imap:new',
      'imap:simulation',
    ]);
    expect(await row()).toMatchObject({
      lastUid: 11,
      uidValidity: '1001',
      lastPolledAt: now,
      lastError: null,
    });
    expect(capturedLogs.join('')).toContain('a reported email was skipped');
    // Read-only: no STORE, EXPUNGE, MOVE or COPY, and bodies fetched with BODY.PEEK (no \Seen flag).
    expect(peer.writes).toEqual([]);
    expect(
      peer.commands.filter((command) => command.includes('FETCH')).every((c) => c.includes('BODY.PEEK[]')),
    ).toBe(true);
  });

  it('asks only for UIDs above the last one read, and starts over when UIDVALIDITY changes', async () => {
    peer.folder.messages.set(
      12,
      await compose({
        from: 'y@lure.example',
        to: 'ben@brightsmiles.example',
        subject: 'Voicemail',
        text: 'Listen',
      }),
    );
    await poller().runOnce();
    expect(searches().at(-1)).toContain('UID SEARCH UID 12:*');
    expect(await reports()).toHaveLength(3);
    expect((await row()).lastUid).toBe(12);

    // Nothing new: `13:*` still answers the newest UID, which is not read again.
    await poller().runOnce();
    expect(await reports()).toHaveLength(3);

    peer.folder.uidValidity = 2002;
    await poller().runOnce();
    expect(searches().at(-1)).toContain('UID SEARCH UID 1:*');
    // The same bytes again answer the stored rows: nothing is stored twice.
    expect(await reports()).toHaveLength(3);
    expect(await row()).toMatchObject({ lastUid: 12, uidValidity: '2002' });
  });

  it('records a refused sign-in as lastError and leaves lastUid alone', async () => {
    await get()
      .handle.db.updateTable('reportMailboxes')
      .set({ username: 'someone-else@brightsmiles.example' })
      .execute();
    await poller().runOnce();
    const after = await row();
    expect(after.lastError).toMatch(/Invalid credentials|Authentication failed|AUTHENTICATIONFAILED/i);
    expect(after.lastUid).toBe(12);
    await get().handle.db.updateTable('reportMailboxes').set({ username: mailboxAddress }).execute();
  });

  it('never writes the password to lastError or the log, even when a server repeats it', async () => {
    const fake = new FakeMailbox();
    fake.refuse = `AUTHENTICATE failed for ${password}`;
    await poller(fake.connector).runOnce();
    expect(fake.signIns).toEqual([{ username: mailboxAddress, password }]);
    const after = await row();
    expect(after.lastError).toContain('AUTHENTICATE failed for [hidden]');
    expect(after.lastError).not.toContain(password);
    expect(capturedLogs.join('')).not.toContain(password);
  });

  it('skips a disabled mailbox', async () => {
    await get().handle.db.updateTable('reportMailboxes').set({ enabled: 0 }).execute();
    const before = peer.commands.length;
    await poller().runOnce();
    expect(peer.commands).toHaveLength(before);
  });
});
