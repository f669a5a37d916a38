import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock.ts';
import { type Db, isUniqueViolation } from '../db/index.ts';
import type { Database, EncryptionKeyTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { fromBase64url, open, seal } from './aes-gcm.ts';
import { type KeyMaterial, keyLength } from './key-material.ts';

export type DataKeyRow = Selectable<EncryptionKeyTable>;

// The data key's id is bound into the wrapping, so a wrapped key copied onto another row does not open.
const wrapAad = (id: string) => Buffer.from(`enamel:dek:v1:${id}`);

export function wrapDataKey(master: KeyMaterial, id: string, dataKey: Buffer): string {
  const { iv, sealed } = seal(master.bytes(), dataKey, wrapAad(id));
  return `v1:${iv.toString('base64url')}:${sealed.toString('base64url')}`;
}

/** Opens a data key with the master key; MASTER_KEY_INVALID when it was wrapped under another master key. */
export function unwrapDataKey(master: KeyMaterial, row: DataKeyRow, source: string): Buffer {
  const fingerprint = master.fingerprint();
  if (row.kekFingerprint !== fingerprint) {
    throw new AppError(
      'MASTER_KEY_INVALID',
      `The master key from ${source} (fingerprint ${fingerprint}) is not the one data key "${row.id}" was ` +
        `wrapped with (fingerprint ${row.kekFingerprint}). Use the master key this database was set up with ` +
        '(see docs/encryption.md); if `enamel keys rotate --master` was interrupted, run it again.',
    );
  }
  const [version, iv, sealed] = row.wrappedKey.split(':');
  const ivBytes = fromBase64url(iv ?? '');
  const sealedBytes = fromBase64url(sealed ?? '');
  const key =
    version === 'v1' && ivBytes && sealedBytes
      ? open(master.bytes(), ivBytes, sealedBytes, wrapAad(row.id))
      : undefined;
  if (!key || key.length !== keyLength) {
    throw new AppError(
      'MASTER_KEY_INVALID',
      `Data key "${row.id}" does not open with the master key from ${source}: its stored form was changed.`,
    );
  }
  return key;
}

export function listDataKeys(db: Db): Promise<DataKeyRow[]> {
  return db.selectFrom('encryptionKeys').selectAll().orderBy('createdAt').orderBy('id').execute();
}

export function findDataKey(db: Db, id: string): Promise<DataKeyRow | undefined> {
  return db.selectFrom('encryptionKeys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findActiveDataKey(db: Db): Promise<DataKeyRow | undefined> {
  return db.selectFrom('encryptionKeys').selectAll().where('status', '=', 'active').executeTakeFirst();
}

function newDataKeyRow(master: KeyMaterial, clock: Clock): DataKeyRow {
  const id = newId();
  const row = {
    id,
    wrappedKey: wrapDataKey(master, id, randomBytes(keyLength)),
    kekFingerprint: master.fingerprint(),
    status: 'active',
    createdAt: clock.now().toISOString(),
    retiredAt: null,
  };
  return row;
}

/** Creates the first active data key; false if another process created one first (the unique index). */
export async function insertFirstDataKey(db: Db, master: KeyMaterial, clock: Clock): Promise<boolean> {
  try {
    await db.insertInto('encryptionKeys').values(newDataKeyRow(master, clock)).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Retires the active data key (if any) and makes a new one active, in one transaction. */
export async function replaceActiveDataKey(
  db: Kysely<Database>,
  master: KeyMaterial,
  clock: Clock,
): Promise<{ id: string; retired: string[] }> {
  const run = async (trx: Db) => {
    const retired = await trx
      .updateTable('encryptionKeys')
      .set({ status: 'retired', retiredAt: clock.now().toISOString() })
      .where('status', '=', 'active')
      .returning('id')
      .execute();
    const row = newDataKeyRow(master, clock);
    await trx.insertInto('encryptionKeys').values(row).execute();
    return { id: row.id, retired: retired.map((r) => r.id) };
  };
  try {
    return await db.transaction().execute(run);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError(
      'KEY_ROTATION_INCOMPLETE',
      'Another key rotation made a new data key at the same time; run `enamel keys rotate` again to finish.',
    );
  }
}
