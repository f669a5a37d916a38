import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { createDso } from '../src/modules/org/org.service.ts';
import { startSender } from '../src/modules/phishing/sending/index.ts';
import { smtpUrlColumn } from '../src/modules/phishing/sending/profile-secrets.ts';
import { listBuiltinTemplates } from '../src/modules/phishing/templates/index.ts';
import { newTrackingToken } from '../src/modules/phishing/tracking/urls.ts';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { ServiceDeps } from '../src/platform/context.ts';
import { KeyMaterial, openSecretBox, type SecretBox } from '../src/platform/crypto/index.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { newId } from '../src/platform/ids.ts';
import { createLogger } from '../src/platform/log.ts';
import { createTempDir, numberOptions, printTable } from './support.ts';

/** Target (issue 5): at least 200 emails/s to a local SMTP sink with pooling (10,000 recipients in under a minute). */
const target = { emailsPerSecond: 200 } as const;

function settingsFrom(args: string[]) {
  return numberOptions(args, { recipients: 10000, warmup: 500, connections: 5, batch: 200 });
}
type Settings = ReturnType<typeof settingsFrom>;

// The sink runs in its own process, as a real mail server would: an SMTP server that accepts every message,
// discards it and prints a running count on stdout.
const sinkSource = `
import { SMTPServer } from 'smtp-server';
let accepted = 0;
const server = new SMTPServer({
  logger: false, disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => { accepted += 1; callback(); });
  },
});
server.on('error', (error) => process.stderr.write('sink: ' + error.message + '\\n'));
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.server.address().port + '\\n'));
setInterval(() => process.stdout.write('accepted ' + accepted + '\\n'), 100).unref();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

async function startSink(): Promise<{ url: string; accepted: () => number; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', sinkSource], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let accepted = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'port') resolve(Number(value));
        if (word === 'accepted') accepted = Number(value);
      }
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function insertProfile(
  db: Kysely<Database>,
  secrets: SecretBox,
  dsoId: string,
  url: string,
  pool: number,
) {
  const id = newId();
  const at = new Date().toISOString();
  await db
    .insertInto('sendingProfiles')
    .values({
      id,
      dsoId,
      name: 'Bench sink',
      smtpUrl: await secrets.encrypt(url, smtpUrlColumn.aad({ id })),
      maxConnections: pool,
      dkimDomain: null,
      dkimSelector: null,
      dkimPrivateKey: null,
      headers: '[]',
      simulationHeaderName: 'X-Enamel-Simulation',
      simulationHeaderValue: 'true',
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  return id;
}

/** A scheduled campaign and its messages, written straight to the database, all due now. */
async function insertCampaign(db: Kysely<Database>, dsoId: string, profileId: string, recipients: number) {
  const id = newId();
  const at = new Date(Date.now() - 1000).toISOString();
  const templateIds = listBuiltinTemplates().map((t) => t.id);
  await db
    .insertInto('phishingCampaigns')
    .values({
      id,
      dsoId,
      name: `Bench ${recipients}`,
      status: 'scheduled',
      templateIds: JSON.stringify(templateIds),
      landingPageId: null,
      sendingProfileId: profileId,
      audience: '{}',
      launchAt: at,
      sendBy: null,
      businessHours: '{"start":"00:00","end":"23:59","days":[1,2,3,4,5,6,7]}',
      recipients,
      createdBy: 'bench',
      createdAt: at,
      updatedAt: at,
      completedAt: null,
    })
    .execute();
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < recipients; start += 500) {
      const rows = [];
      for (let n = start; n < Math.min(recipients, start + 500); n += 1) {
        rows.push({
          id: newId(),
          dsoId,
          campaignId: id,
          personId: null,
          practiceId: null,
          email: `person${n}@bench-dental.example`,
          firstName: `First${n}`,
          lastName: `Last${n}`,
          jobRole: 'front_desk',
          sharedMailbox: 0,
          templateId: templateIds[n % templateIds.length] as string,
          token: newTrackingToken(),
          state: 'scheduled',
          scheduledAt: at,
          attempts: 0,
          leaseUntil: null,
          sentAt: null,
          smtpMessageId: null,
          lastError: null,
          openedAt: null,
          clickedAt: null,
          submittedAt: null,
          reportedAt: null,
          automatedClicks: 0,
        });
      }
      await trx.insertInto('phishingMessages').values(rows).execute();
    }
  });
  return id;
}

/** Runs a sender until the campaign is completed; answers the seconds it took. */
async function sendCampaign(
  deps: ServiceDeps,
  secrets: SecretBox,
  campaignId: string,
  settings: Settings,
): Promise<number> {
  const sender = startSender({
    deps,
    config: { trackingUrl: 'https://track.bench.example' },
    secrets,
    intervalMs: 5,
    batchSize: settings.batch,
  });
  const started = process.hrtime.bigint();
  for (;;) {
    const row = await deps.db
      .selectFrom('phishingCampaigns')
      .select('status')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    if (row.status === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await sender.stop();
  return seconds;
}

export async function run(args: string[]): Promise<void> {
  const settings = settingsFrom(args);
  const dataDir = createTempDir('phishing-send');
  const handle = createDatabase({ dataDir });
  const sink = await startSink();
  let passed = false;
  const results: string[][] = [];
  try {
    await migrateToLatest(handle.db);
    const deps: ServiceDeps = { db: handle.db, clock: systemClock, log: createLogger('warn') };
    const config = loadConfig({ ENAMEL_MASTER_KEY: KeyMaterial.generate().revealBase64() });
    const secrets = await openSecretBox({ db: handle.db, config });
    const dso = await createDso(deps, { name: 'Bench Dental Group', domains: ['bench-dental.example'] });
    const profileId = await insertProfile(handle.db, secrets, dso.id, sink.url, settings.connections);
    console.log(
      `phishing-send bench: ${settings.recipients} recipients, pool of ${settings.connections} SMTP ` +
        `connections, ${settings.batch} messages per round, SQLite`,
    );

    const warm = await insertCampaign(handle.db, dso.id, profileId, settings.warmup);
    const warmSeconds = await sendCampaign(deps, secrets, warm, settings);
    results.push([
      `warm-up (${settings.warmup})`,
      warmSeconds.toFixed(2),
      (settings.warmup / warmSeconds).toFixed(0),
      '(info)',
      '',
    ]);

    const campaign = await insertCampaign(handle.db, dso.id, profileId, settings.recipients);
    // The sink reports its count every 100 ms: let the warm-up's last deliveries show.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const before = sink.accepted();
    const seconds = await sendCampaign(deps, secrets, campaign, settings);
    // The sink reports its count every 100 ms.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const delivered = sink.accepted() - before;
    const perSecond = delivered / seconds;
    const sent = await handle.db
      .selectFrom('phishingMessages')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaignId', '=', campaign)
      .where('state', '=', 'sent')
      .executeTakeFirstOrThrow();
    passed =
      perSecond >= target.emailsPerSecond &&
      delivered === settings.recipients &&
      Number(sent.n) === delivered;
    results.push([
      `campaign (${settings.recipients}), ${delivered} delivered, ${Number(sent.n)} rows sent`,
      seconds.toFixed(2),
      perSecond.toFixed(0),
      `>=${target.emailsPerSecond}/s`,
      passed ? 'PASS' : 'FAIL',
    ]);
  } finally {
    await sink.close();
    await handle.close();
    fs.rmSync(path.resolve(dataDir), { recursive: true, force: true });
  }
  printTable(['measure', 'seconds', 'emails/s', 'target', 'result'], results);
  console.log(passed ? '\nAll targets met.' : '\nSome targets were missed.');
  if (!passed) process.exitCode = 1;
}
