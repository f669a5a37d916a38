import { type Command, InvalidArgumentError } from 'commander';
import {
  type DataKeyRotation,
  type KeyStatusView,
  keyStatus,
  loadMasterKey,
  type MasterKeyRotation,
  rotateDataKey,
  rotateMasterKey,
} from '../platform/crypto/index.ts';
import { type CliIo, printJson } from './io.ts';
import { createProgress } from './progress.ts';
import { type Runtime, withRuntime } from './runtime.ts';

interface RotateOptions {
  master?: boolean;
  batchSize: number;
  json?: boolean;
}

function parseBatchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new InvalidArgumentError('a whole number between 1 and 10000 is needed.');
  }
  return n;
}

export function registerKeysCommands(program: Command, io: CliIo): void {
  const keys = program
    .command('keys')
    .description('Encryption keys for secrets at rest (docs/encryption.md)');

  keys
    .command('status')
    .description('List the data keys and how many stored values each encrypts (never key material)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(io, async ({ config, database }) => {
        const status = await keyStatus(database.db, loadMasterKey(config, false));
        if (options.json) return printJson(io, status);
        printStatus(io, status);
      });
    });

  keys
    .command('rotate')
    .description(
      'Make a new data key and re-encrypt every stored secret under it, while Enamel keeps running',
    )
    .option('--master', 're-wrap the data keys under a new master key instead')
    .option('--batch-size <n>', 'values re-encrypted per transaction', parseBatchSize, 500)
    .option('--json', 'print JSON')
    .action(async (options: RotateOptions) => {
      await withRuntime(io, (runtime) =>
        options.master ? rotateMaster(io, runtime, options) : rotateData(io, runtime, options),
      );
    });
}

async function rotateData(io: CliIo, { config, database, log }: Runtime, options: RotateOptions) {
  const masterKey = loadMasterKey(config);
  const progress = createProgress(io, 'Re-encrypting');
  let result: DataKeyRotation;
  try {
    result = await rotateDataKey({
      db: database.db,
      masterKey,
      batchSize: options.batchSize,
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
  }
  log.info(
    { keyId: result.keyId, retiredKeyIds: result.retiredKeyIds, reencrypted: result.reencrypted },
    'data key rotated',
  );
  if (options.json) return printJson(io, result);
  io.stdout.write(
    result.continued
      ? `Continued the interrupted rotation to data key ${result.keyId}.\n`
      : `Data key ${result.keyId} is now active${result.retiredKeyIds.length ? `; retired ${result.retiredKeyIds.join(', ')}` : ''}.\n`,
  );
  io.stdout.write(`Re-encrypted ${result.reencrypted} values in ${result.columns.length} columns.\n`);
}

async function rotateMaster(io: CliIo, { config, database, log }: Runtime, options: RotateOptions) {
  const masterKey = loadMasterKey(config);
  const result: MasterKeyRotation = await rotateMasterKey({
    db: database.db,
    masterKey,
    // Text mode shows the new key before committing, so it cannot be lost to a crash after the commit.
    ...(options.json
      ? {}
      : {
          announce: (key) =>
            io.stdout.write(
              `New master key (shown once, never logged):\n\n  ENAMEL_MASTER_KEY=${key.revealBase64()}\n\n` +
                'Store it in your secret manager now. If this command then fails, keep using the old key.\n',
            ),
        }),
  });
  log.info(
    {
      fingerprint: result.fingerprint,
      previousFingerprint: result.previousFingerprint,
      rewrapped: result.rewrapped,
    },
    'master key rotated',
  );
  if (options.json) {
    return printJson(io, { ...result, newKey: result.newKey ? result.newKey.revealBase64() : null });
  }
  io.stdout.write(
    `Re-wrapped ${result.rewrapped} data keys under master key ${result.fingerprint} (was ${result.previousFingerprint}).\n`,
  );
  if (result.source === 'environment') {
    io.stdout.write(
      'Set ENAMEL_MASTER_KEY to the new key above wherever Enamel runs, then restart it: the old key no longer opens the data keys.\n',
    );
    return;
  }
  if (result.completedInterrupted) io.stdout.write('Finished a master key rotation that was interrupted.\n');
  io.stdout.write(
    `Wrote ${result.file}; the previous key is kept as ${result.backupFile}. Restart Enamel, then move that ` +
      'backup to your offline key backups: database backups taken before now need it.\n',
  );
}

function printStatus(io: CliIo, status: KeyStatusView): void {
  const master = status.master;
  io.stdout.write(
    master
      ? `Master key: ${master.source === 'file' ? master.file : 'ENAMEL_MASTER_KEY'} (fingerprint ${master.fingerprint}` +
          `${master.opensDataKeys ? '' : ', does NOT open the data keys'})\n`
      : 'Master key: none yet (created at first use)\n',
  );
  if (status.keys.length === 0) {
    io.stdout.write('No data keys yet: the first is made when a secret is first stored.\n');
    return;
  }
  for (const key of status.keys) {
    io.stdout.write(`${key.id}  ${key.status.padEnd(7)}  ${key.createdAt}  ${key.values} values\n`);
  }
  if (status.orphanValues > 0) {
    io.stdout.write(`${status.orphanValues} values name a data key this database does not hold.\n`);
  }
}
