// The sending process of the crash test (sender-crash.test.ts): runs the real sender against the database the
// test names, until SIGTERM (a clean stop) or SIGKILL (the crash under test).
import { startSender } from '../../src/modules/phishing/sending/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openSecretBox } from '../../src/platform/crypto/index.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/log.ts';

const env = process.env;
const handle = createDatabase({
  dataDir: '.',
  databaseUrl: env.SENDER_DATABASE_URL || undefined,
  ...(env.SENDER_SQLITE_FILE ? { sqliteFile: env.SENDER_SQLITE_FILE } : {}),
});
const config = loadConfig({ ENAMEL_MASTER_KEY: env.ENAMEL_MASTER_KEY ?? '' });
const deps = { db: handle.db, clock: systemClock, log: createLogger('warn', process.stderr) };
const secrets = await openSecretBox({ db: handle.db, config });
const sender = startSender({
  deps,
  config: { trackingUrl: 'https://track.example.net' },
  secrets,
  intervalMs: 20,
  batchSize: 20,
  leaseMs: Number(env.SENDER_LEASE_MS ?? 2000),
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void sender
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
