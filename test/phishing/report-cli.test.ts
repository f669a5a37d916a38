import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { putReportMailbox } from '../../src/modules/phishing/reporting/report-mailbox.service.ts';
import { registerReportingCommands } from '../../src/modules/phishing/reporting/reporting.cli.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openSecretBox } from '../../src/platform/crypto/index.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { testDeps } from '../factories/org.ts';
import { testMasterKey } from '../harness/app.ts';
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-phishing-reports-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `enamel phishing reports ...` as the lead registers it under `enamel phishing`, with captured output. */
async function run(args: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const sink = (chunks: string[]) =>
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
  // Only what the commands use: they write to stdout and log to stderr.
  const io = { stdout: sink(out), stderr: sink([]), env, isTty: false } as unknown as CliIo;
  const program = new Command().exitOverride();
  registerReportingCommands(program.command('phishing'), io);
  await program.parseAsync(['node', 'enamel', 'phishing', 'reports', ...args]);
  return out.join('');
}

describeEachDialect('enamel phishing reports', (get) => {
  let env: Record<string, string | undefined>;
  let dsoId: string;
  let ana: SimulationMessage;
  let peer: ImapPeer;
  const file = path.join(tmp, `report-${Math.random().toString(36).slice(2)}.eml`);

  beforeAll(async () => {
    const url = get().url;
    const base = { ENAMEL_MASTER_KEY: testMasterKey, ENAMEL_TRACKING_URL: trackingUrl };
    env = url
      ? { ...base, DATABASE_URL: url }
      : { ...base, ENAMEL_DATA_DIR: path.join(tmp, `sqlite-${Math.random().toString(36).slice(2)}`) };
    const handle = url ? get().handle : createDatabase(loadConfig(env));
    if (!url) await migrateToLatest(handle.db);
    const deps = testDeps(handle);
    dsoId = (await buildDsoWithDomain(deps, 'brightsmiles.example')).id;
    ana = (await buildSentSimulation(handle, dsoId, ['ana@brightsmiles.example']))
      .messages[0] as SimulationMessage;
    peer = await startImapPeer({ user: 'phish@brightsmiles.example', pass: 'Imap-Secret-7' });
    const secrets = await openSecretBox({ db: handle.db, config: loadConfig(env) });
    await putReportMailbox(deps, secrets, { dsoId }, loadConfig(env), {
      host: '127.0.0.1',
      port: peer.port,
      secure: false,
      username: 'phish@brightsmiles.example',
      password: 'Imap-Secret-7',
      folder: 'INBOX',
      enabled: true,
    });
    if (!url) await handle.close();
    fs.writeFileSync(
      file,
      await compose(
        reportWithAttachment(ana.email, 'phish@brightsmiles.example', {
          filename: 'eob.eml',
          content: await simulationEmail(ana.email, ana.token),
          contentType: 'message/rfc822',
        }),
      ),
    );
  });
  afterAll(async () => peer.close());

  it('imports a reported .eml: a simulation is recorded as reported', async () => {
    const output = await run(['import', file, '--dso', dsoId, '--json'], env);
    expect(JSON.parse(output)).toMatchObject({
      outcome: 'simulation',
      thankYou: 'not_configured',
      reportedEmail: { source: 'upload', status: 'simulation' },
    });
  });

  it('reads the report mailboxes once and prints their state', async () => {
    peer.folder.messages.set(
      4,
      await compose({
        from: 'x@lure.example',
        to: 'ana@brightsmiles.example',
        subject: 'Gift cards',
        text: 'Buy them',
      }),
    );
    const output = await run(['poll', '--json'], env);
    expect(JSON.parse(output).items).toEqual([
      expect.objectContaining({
        dsoId,
        mailbox: 'phish@brightsmiles.example on 127.0.0.1',
        lastUid: 4,
        lastError: null,
      }),
    ]);
  });
});
