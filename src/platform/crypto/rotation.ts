import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { AppError, type ErrorIssue } from '../errors.ts';
import { listDataKeys, replaceActiveDataKey, unwrapDataKey, wrapDataKey } from './data-keys.ts';
import { KeyMaterial } from './key-material.ts';
import { describeSource, KeyRing } from './key-ring.ts';
import { type MasterKey, readKeyFile, syncDirectory, writePrivateFile } from './master-key.ts';
import { countNotUnder, reencryptColumn } from './reencrypt.ts';
import { type EncryptedColumn, encryptedColumns } from './registry.ts';
import { createSecretBox } from './secret-box.ts';

export interface RotateDataKeyOptions {
  readonly db: Kysely<Database>;
  readonly masterKey: MasterKey;
  readonly clock?: Clock;
  /** Defaults to every registered column. */
  readonly columns?: readonly EncryptedColumn[];
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DataKeyRotation {
  /** The active data key after the run. */
  readonly keyId: string;
  readonly retiredKeyIds: readonly string[];
  /** True when the run finished an earlier, interrupted rotation instead of making a new key. */
  readonly continued: boolean;
  readonly reencrypted: number;
  readonly columns: readonly { table: string; column: string; reencrypted: number }[];
}

async function pendingTotal(db: Kysely<Database>, columns: readonly EncryptedColumn[], keyId: string) {
  let total = 0;
  for (const c of columns) total += await countNotUnder(db, c, keyId);
  return total;
}

/**
 * Makes a new active data key, retires the old one and re-encrypts every registered column under the new key.
 * Values stay readable throughout (retired keys still decrypt). When values under a retired key remain from an
 * interrupted run, the run continues that rotation instead of making another key.
 */
export async function rotateDataKey(options: RotateDataKeyOptions): Promise<DataKeyRotation> {
  const { db, masterKey } = options;
  const clock = options.clock ?? systemClock;
  const columns = options.columns ?? encryptedColumns();
  const ring = new KeyRing({ db, masterKey, clock });
  const hadKeys = (await listDataKeys(db)).length > 0;
  await ring.load();
  const current = (await ring.active()).id;
  const continued = hadKeys && (await pendingTotal(db, columns, current)) > 0;
  let retiredKeyIds: string[] = [];
  if (hadKeys && !continued) {
    retiredKeyIds = (await replaceActiveDataKey(db, masterKey.key, clock)).retired;
    await ring.reload();
  }
  const keyId = (await ring.active()).id;
  const box = createSecretBox(ring);
  const batchSize = options.batchSize ?? 500;
  let total = await pendingTotal(db, columns, keyId);
  let done = 0;
  options.onProgress?.(done, total);
  const results: { table: string; column: string; reencrypted: number }[] = [];
  const issues: ErrorIssue[] = [];
  for (const c of columns) {
    let reencrypted = 0;
    let failed: readonly (string | number)[] = [];
    // A write by a process still using the old key can land behind the scan; a second pass picks it up.
    for (let pass = 0; pass < 3; pass++) {
      const result = await reencryptColumn(db, box, c, keyId, batchSize, (count) => {
        done += count;
        total = Math.max(total, done);
        options.onProgress?.(done, total);
      });
      reencrypted += result.reencrypted;
      failed = result.failed;
      if ((await countNotUnder(db, c, keyId)) <= failed.length) break;
    }
    results.push({ table: c.table, column: c.column, reencrypted });
    for (const id of failed) {
      issues.push({
        path: [c.table, c.column, String(id)],
        code: 'SECRET_DECRYPT_FAILED',
        message: `${c.aad({ id })} does not decrypt; it was left as it is.`,
      });
    }
  }
  const reencrypted = results.reduce((sum, r) => sum + r.reencrypted, 0);
  if (issues.length > 0) {
    throw new AppError(
      'KEY_ROTATION_INCOMPLETE',
      `Re-encrypted ${reencrypted} values under data key "${keyId}", but ${issues.length} could not be decrypted.`,
      issues,
    );
  }
  return { keyId, retiredKeyIds, continued, reencrypted, columns: results };
}

export interface RotateMasterKeyOptions {
  readonly db: Kysely<Database>;
  readonly masterKey: MasterKey;
  readonly clock?: Clock;
  /**
   * Receives a new ENAMEL_MASTER_KEY before the data keys are re-wrapped, so it is shown even if the run dies
   * right after the commit (a key shown but never committed is harmless: the old one keeps working).
   */
  readonly announce?: (key: KeyMaterial) => void;
}

export interface MasterKeyRotation {
  readonly fingerprint: string;
  readonly previousFingerprint: string;
  readonly rewrapped: number;
  readonly source: 'environment' | 'file';
  /** The new key, when it comes from ENAMEL_MASTER_KEY (the operator must set it). Prints as [hidden]. */
  readonly newKey: KeyMaterial | undefined;
  readonly file: string | undefined;
  /** The previous key file, kept beside it: needed to read database backups taken before the rotation. */
  readonly backupFile: string | undefined;
  /** True when this run finished a file rotation that an earlier run committed but did not complete. */
  readonly completedInterrupted: boolean;
}

async function rewrapAll(db: Kysely<Database>, from: MasterKey, to: KeyMaterial): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await listDataKeys(trx);
    for (const row of rows) {
      const dataKey = unwrapDataKey(from.key, row, describeSource(from));
      const result = await trx
        .updateTable('encryptionKeys')
        .set({ wrappedKey: wrapDataKey(to, row.id, dataKey), kekFingerprint: to.fingerprint() })
        .where('id', '=', row.id)
        .where('wrappedKey', '=', row.wrappedKey)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw new AppError(
          'KEY_ROTATION_INCOMPLETE',
          'The data keys changed during the master key rotation; run it again.',
        );
      }
    }
    return rows.length;
  });
}

function swapKeyFile(file: string, pending: string, clock: Clock): string {
  const stamp = clock
    .now()
    .toISOString()
    .replace(/[:.]/g, '')
    .replace(/\d{3}Z$/, 'Z');
  const backup = `${file}.${stamp}.bak`;
  try {
    fs.linkSync(file, backup);
  } catch {
    fs.copyFileSync(file, backup);
    fs.chmodSync(backup, 0o600);
  }
  fs.renameSync(pending, file);
  syncDirectory(path.dirname(file));
  return backup;
}

/**
 * Re-wraps every data key under a new master key; data values are untouched. With a key file the new file is
 * written beside the old (mode 0600), the data keys re-wrapped in one transaction, then the file swapped in by a
 * rename, keeping the old one as a backup. A run that finds a committed but unswapped file finishes the swap.
 */
export async function rotateMasterKey(options: RotateMasterKeyOptions): Promise<MasterKeyRotation> {
  const { db, masterKey } = options;
  const clock = options.clock ?? systemClock;
  const previousFingerprint = masterKey.key.fingerprint();
  if (masterKey.source.kind === 'environment') {
    const next = KeyMaterial.generate();
    await assertOpens(db, masterKey);
    options.announce?.(next);
    const rewrapped = await rewrapAll(db, masterKey, next);
    return {
      fingerprint: next.fingerprint(),
      previousFingerprint,
      rewrapped,
      source: 'environment',
      newKey: next,
      file: undefined,
      backupFile: undefined,
      completedInterrupted: false,
    };
  }
  const file = masterKey.source.file;
  const pending = `${file}.new`;
  const base = { source: 'file' as const, newKey: undefined, file };
  if (fs.existsSync(pending)) {
    const pendingKey = readKeyFile(pending);
    const rows = await listDataKeys(db);
    if (rows.length > 0 && rows.every((row) => row.kekFingerprint === pendingKey.fingerprint())) {
      const backupFile = swapKeyFile(file, pending, clock);
      return {
        ...base,
        fingerprint: pendingKey.fingerprint(),
        previousFingerprint,
        rewrapped: 0,
        backupFile,
        completedInterrupted: true,
      };
    }
    // Written but never committed: the old key is still the one in use.
    fs.rmSync(pending);
  }
  await assertOpens(db, masterKey);
  const next = KeyMaterial.generate();
  fs.renameSync(writePrivateFile(pending, next), pending);
  const rewrapped = await rewrapAll(db, masterKey, next);
  const backupFile = swapKeyFile(file, pending, clock);
  return {
    ...base,
    fingerprint: next.fingerprint(),
    previousFingerprint,
    rewrapped,
    backupFile,
    completedInterrupted: false,
  };
}

/** Fails before any change when the current master key does not open every data key. */
async function assertOpens(db: Kysely<Database>, masterKey: MasterKey): Promise<void> {
  for (const row of await listDataKeys(db)) unwrapDataKey(masterKey.key, row, describeSource(masterKey));
}
