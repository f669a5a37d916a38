import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBuiltinTemplates } from '../../src/modules/phishing/templates/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openSecretBox } from '../../src/platform/crypto/index.ts';
import type { Dialect } from '../../src/platform/db/database.ts';
import { buildDso, testDeps } from '../factories/org.ts';
import { testMasterKey } from '../harness/app.ts';
import { openTestDatabase, type TestDatabase } from '../harness/db.ts';
import { configuredDialects } from '../harness/postgres.global.ts';
import { type CampaignFixture, insertCampaign, insertProfile, startSmtpSink } from './sender-fixtures.ts';

const childScript = path.join(import.meta.dirname, 'sender-child.ts');
const recipients = 300;
const killAfter = 100;

/** Resolves once `check` answers true; polls a condition, it does not sleep for a fixed time. */
async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
  explain?: () => Promise<string>,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${explain ? ` (${await explain()})` : ''}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function startChild(db: TestDatabase, sqliteFile: string | undefined): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    env: {
      ...process.env,
      ENAMEL_MASTER_KEY: testMasterKey,
      SENDER_DATABASE_URL: db.url ?? '',
      SENDER_SQLITE_FILE: sqliteFile ?? '',
      SENDER_LEASE_MS: '2000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

for (const dialect of configuredDialects() as Dialect[]) {
  describe(`phishing sender crash safety [${dialect}]`, () => {
    let db: TestDatabase & { drop(): Promise<void> };
    let dir: string | undefined;
    let sqliteFile: string | undefined;

    beforeAll(async () => {
      if (dialect === 'sqlite') {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-sender-'));
        sqliteFile = path.join(dir, 'enamel.db');
      }
      db = await openTestDatabase(dialect, sqliteFile);
    });
    afterAll(async () => {
      await db.drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('killed mid-campaign and restarted, it sends every recipient exactly one email', async () => {
      const deps = testDeps(db.handle);
      const secrets = await openSecretBox({
        db: deps.db,
        config: loadConfig({ ENAMEL_MASTER_KEY: testMasterKey }),
      });
      const dsoId = (await buildDso(deps)).id;
      const sink = await startSmtpSink({ dataDelayMs: 3 });
      // At the 100th accepted message the server stops answering: the deliveries then in flight were sent in
      // full but never accepted, which is what a crash leaves behind as `sending` rows.
      sink.onAccepted = (count) => {
        if (count === killAfter) sink.hold = true;
      };
      const profileId = await insertProfile(deps.db, secrets, dsoId, sink.url);
      const fixture: CampaignFixture = await insertCampaign(deps.db, {
        dsoId,
        profileId,
        templateIds: listBuiltinTemplates()
          .slice(0, 4)
          .map((t) => t.id),
        recipients,
        scheduledAt: new Date(Date.now() - 60_000).toISOString(),
      });
      const count = async (state: string) =>
        Number(
          (
            await deps.db
              .selectFrom('phishingMessages')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('campaignId', '=', fixture.id)
              .where('state', '=', state)
              .executeTakeFirstOrThrow()
          ).n,
        );

      const first = startChild(db, sqliteFile);
      await waitFor('100 accepted messages', () => sink.mails.length >= killAfter);
      // Every accepted message is committed as sent before the kill: the window between the server's reply
      // and the commit cannot be closed by any SMTP client (docs/phishing/sending.md) and is not what this
      // test is about. The kill lands while deliveries are in flight and unanswered.
      await waitFor('the accepted messages to be committed', async () => (await count('sent')) === killAfter);
      await waitFor('deliveries in flight', async () => (await count('sending')) > 0);
      first.kill('SIGKILL');
      await exited(first);
      expect(sink.mails).toHaveLength(killAfter);
      const inFlight = await count('sending');
      expect(inFlight).toBeGreaterThan(0);
      expect(await count('scheduled')).toBe(recipients - killAfter - inFlight);

      sink.hold = false;
      const second = startChild(db, sqliteFile);
      const states = async () =>
        JSON.stringify(
          await deps.db
            .selectFrom('phishingMessages')
            .select(['state', (eb) => eb.fn.countAll().as('n')])
            .where('campaignId', '=', fixture.id)
            .groupBy('state')
            .execute(),
        );
      await waitFor(
        'the campaign to complete',
        async () => {
          const row = await deps.db
            .selectFrom('phishingCampaigns')
            .select('status')
            .where('id', '=', fixture.id)
            .executeTakeFirstOrThrow();
          return row.status === 'completed';
        },
        120_000,
        states,
      );
      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
      await sink.close();

      const perRecipient = new Map<string, number>();
      for (const mail of sink.mails)
        perRecipient.set(mail.envelopeTo, (perRecipient.get(mail.envelopeTo) ?? 0) + 1);
      const wrong = fixture.messages.filter((m) => perRecipient.get(m.email) !== 1);
      const wrongRows = await deps.db
        .selectFrom('phishingMessages')
        .select(['email', 'state', 'attempts', 'lastError', 'sentAt'])
        .where('id', 'in', wrong.length > 0 ? wrong.map((m) => m.id) : [''])
        .execute();
      expect(wrongRows.map((row) => ({ ...row, received: perRecipient.get(row.email) ?? 0 }))).toEqual([]);
      expect(perRecipient.size).toBe(recipients);
      expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
      expect(fixture.messages.every((m) => perRecipient.get(m.email) === 1)).toBe(true);
      expect(await count('sent')).toBe(recipients);
      const sentEvents = await deps.db
        .selectFrom('phishingEvents')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('campaignId', '=', fixture.id)
        .where('type', '=', 'email_sent')
        .executeTakeFirstOrThrow();
      expect(Number(sentEvents.n)).toBe(recipients);
    }, 300_000);
  });
}
