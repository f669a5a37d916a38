import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { unwrapDataKey } from '../../src/platform/crypto/data-keys.ts';
import {
  KeyMaterial,
  KeyRing,
  loadMasterKey,
  type MasterKey,
  openSecretBox,
  rotateDataKey,
} from '../../src/platform/crypto/index.ts';
import { createDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { AppError } from '../../src/platform/errors.ts';
import { cli } from '../harness/cli.ts';
import { describeEachDialect } from '../harness/db.ts';
import { createVault, insertVault, plaintextFor, readVault, rowId, vaultColumn } from './support.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-rotate-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const rows = 23;

describeEachDialect('enamel keys rotate', (get) => {
  let env: Record<string, string | undefined>;
  let handle: DatabaseHandle;
  /** Everything the CLI printed, to check that no secret appears in it. */
  const printed: string[] = [];

  const run = async (args: string[], extra: Record<string, string> = {}) => {
    const result = await cli(args, { ...env, ...extra });
    printed.push(result.stdout, result.stderr);
    return result;
  };
  const master = (): MasterKey => loadMasterKey(loadConfig(env));
  const box = async () => openSecretBox({ db: handle.db, config: loadConfig(env) });
  const keyRows = () =>
    handle.db.selectFrom('encryptionKeys').selectAll().orderBy('createdAt').orderBy('id').execute();

  async function expectAllReadable(keyId: string) {
    const secrets = await box();
    const stored = await readVault(handle.db);
    expect(stored).toHaveLength(rows + 1);
    for (const [i, row] of stored.entries()) {
      if (row.secret === null) continue;
      expect(row.secret.startsWith(`enc:v1:${keyId}:`)).toBe(true);
      expect(await secrets.decrypt(row.secret, vaultColumn.aad({ id: row.id }))).toBe(plaintextFor(i));
    }
  }

  beforeAll(async () => {
    env = {
      ENAMEL_DATA_DIR: path.join(tmp, `${get().dialect}-${Date.now()}`),
      DATABASE_URL: get().url,
      LOG_LEVEL: 'debug',
    };
    handle = createDatabase(loadConfig(env));
    await migrateToLatest(handle.db);
    await createVault(handle.db);
    const secrets = await box();
    for (let i = 0; i < rows; i++) {
      await insertVault(
        handle.db,
        rowId(i),
        await secrets.encrypt(plaintextFor(i), vaultColumn.aad({ id: rowId(i) })),
      );
    }
    await insertVault(handle.db, rowId(rows), null);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('status lists the key and what it encrypts, without key material', async () => {
    const result = await run(['keys', 'status', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.master).toMatchObject({
      source: 'file',
      fingerprint: master().key.fingerprint(),
      opensDataKeys: true,
    });
    expect(status.keys).toEqual([
      expect.objectContaining({ status: 'active', values: rows, createdAt: expect.any(String) }),
    ]);
    expect(status.columns).toContain('testVault.secret');
    expect(Object.keys(status.keys[0]).sort()).toEqual([
      'createdAt',
      'id',
      'kekFingerprint',
      'retiredAt',
      'status',
      'values',
    ]);
    expect((await run(['keys', 'status'])).stdout).toMatch(/active .* 23 values/);
  });

  it('re-encrypts every registered value in batches, and retires the old key', async () => {
    const [old] = await keyRows();
    const result = await run(['keys', 'rotate', '--batch-size', '5', '--json']);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const rotation = JSON.parse(result.stdout);
    expect(rotation).toMatchObject({ continued: false, retiredKeyIds: [old?.id], reencrypted: rows });
    const keys = await keyRows();
    expect(keys.map((k) => [k.id, k.status])).toEqual([
      [old?.id, 'retired'],
      [rotation.keyId, 'active'],
    ]);
    expect(keys[0]?.retiredAt).toEqual(expect.any(String));
    await expectAllReadable(rotation.keyId);
    const status = JSON.parse((await run(['keys', 'status', '--json'])).stdout);
    expect(status.keys.map((k: { values: number }) => k.values)).toEqual([0, rows]);
  });

  it('a run interrupted midway leaves everything readable, and the next run continues it', async () => {
    const before = await keyRows();
    const interrupted = rotateDataKey({
      db: handle.db,
      masterKey: master(),
      columns: [vaultColumn],
      batchSize: 4,
      onProgress: (done) => {
        if (done >= 8) throw new Error('power cut');
      },
    });
    await expect(interrupted).rejects.toThrow('power cut');
    const keys = await keyRows();
    expect(keys).toHaveLength(before.length + 1);
    const active = keys.find((k) => k.status === 'active');
    const stored = await readVault(handle.db);
    const underNew = stored.filter((r) => r.secret?.includes(active?.id as string)).length;
    expect(underNew).toBe(8);
    // Mixed keys mid-rotation: every value still decrypts.
    const secrets = await box();
    for (const [i, row] of stored.entries()) {
      if (row.secret)
        expect(await secrets.decrypt(row.secret, vaultColumn.aad({ id: row.id }))).toBe(plaintextFor(i));
    }
    const result = await run(['keys', 'rotate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Continued the interrupted rotation to data key ${active?.id}`);
    expect(result.stdout).toContain(`Re-encrypted ${rows - 8} values`);
    expect(await keyRows()).toHaveLength(before.length + 1);
    await expectAllReadable(active?.id as string);
  });

  it('reports a value that does not decrypt and leaves it, re-encrypting the rest', async () => {
    const stored = await readVault(handle.db);
    // A ciphertext copied onto another row: its AAD names the first row.
    await handle.db
      .updateTable('testVault' as never)
      .set({ secret: stored[0]?.secret } as never)
      .where('id' as never, '=', rowId(1) as never)
      .execute();
    const result = await rotateDataKey({ db: handle.db, masterKey: master(), columns: [vaultColumn] }).catch(
      (e) => e,
    );
    expect(result).toBeInstanceOf(AppError);
    expect(result.code).toBe('KEY_ROTATION_INCOMPLETE');
    expect(result.issues).toEqual([
      expect.objectContaining({ path: ['testVault', 'secret', rowId(1)], code: 'SECRET_DECRYPT_FAILED' }),
    ]);
    await handle.db
      .updateTable('testVault' as never)
      .set({
        secret: await (await box()).encrypt(plaintextFor(1), vaultColumn.aad({ id: rowId(1) })),
      } as never)
      .where('id' as never, '=', rowId(1) as never)
      .execute();
    const active = (await keyRows()).find((k) => k.status === 'active');
    await expectAllReadable(active?.id as string);
  });

  it('--master re-wraps the data keys under a new key file, keeping a backup of the old one', async () => {
    const old = master();
    const keysBefore = await keyRows();
    const result = await run(['keys', 'rotate', '--master']);
    expect(result.code).toBe(0);
    const now = master();
    expect(now.key.fingerprint()).not.toBe(old.key.fingerprint());
    const file = path.join(env.ENAMEL_DATA_DIR as string, 'master.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const backups = fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    const backup = path.join(path.dirname(file), backups[0] as string);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(backup, 'utf8').trim()).toBe(old.key.revealBase64());
    expect(result.stdout).toContain(backup);
    expect(result.stdout).not.toContain(now.key.revealBase64());
    // The data keys themselves did not change: values are untouched and decrypt with the new master key.
    const keysAfter = await keyRows();
    for (const [i, row] of keysAfter.entries()) {
      expect(row.kekFingerprint).toBe(now.key.fingerprint());
      const previous = keysBefore[i];
      if (!previous) throw new Error('key count changed');
      expect(unwrapDataKey(now.key, row, 'new').equals(unwrapDataKey(old.key, previous, 'old'))).toBe(true);
    }
    const active = keysAfter.find((k) => k.status === 'active');
    await expectAllReadable(active?.id as string);
    await expect(new KeyRing({ db: handle.db, masterKey: old }).load()).rejects.toMatchObject({
      code: 'MASTER_KEY_INVALID',
    });
  });

  it('--master finishes a rotation committed but interrupted before the file swap', async () => {
    const file = path.join(env.ENAMEL_DATA_DIR as string, 'master.key');
    const old = master();
    const next = KeyMaterial.generate();
    const { rotateMasterKey } = await import('../../src/platform/crypto/index.ts');
    // Simulate the crash: the new file is written and the data keys re-wrapped, but the rename never ran.
    fs.writeFileSync(`${file}.new`, `${next.revealBase64()}\n`, { mode: 0o600 });
    const { wrapDataKey } = await import('../../src/platform/crypto/data-keys.ts');
    for (const row of await keyRows()) {
      await handle.db
        .updateTable('encryptionKeys')
        .set({
          wrappedKey: wrapDataKey(next, row.id, unwrapDataKey(old.key, row, 'old')),
          kekFingerprint: next.fingerprint(),
        })
        .where('id', '=', row.id)
        .execute();
    }
    expect((await run(['keys', 'rotate'])).stderr).toContain('MASTER_KEY_INVALID');
    const result = await rotateMasterKey({ db: handle.db, masterKey: old });
    expect(result).toMatchObject({ completedInterrupted: true, fingerprint: next.fingerprint() });
    expect(fs.existsSync(`${file}.new`)).toBe(false);
    expect(master().key.fingerprint()).toBe(next.fingerprint());
    const active = (await keyRows()).find((k) => k.status === 'active');
    await expectAllReadable(active?.id as string);
  });

  it('--master with ENAMEL_MASTER_KEY prints the new key once; only it opens the data after', async () => {
    const fileKey = master().key;
    const envKey = fileKey.revealBase64();
    const result = await run(['keys', 'rotate', '--master'], { ENAMEL_MASTER_KEY: envKey });
    expect(result.code).toBe(0);
    const printedKey = /ENAMEL_MASTER_KEY=(\S+)/.exec(result.stdout)?.[1] as string;
    const newKey = KeyMaterial.fromBase64(printedKey);
    expect(newKey).toBeDefined();
    expect(result.stdout.split(printedKey)).toHaveLength(2);
    expect(result.stdout).toContain('Set ENAMEL_MASTER_KEY to the new key');
    expect(result.stderr).not.toContain(printedKey);
    printed.push(result.stdout.replace(printedKey, '<new key>'));
    const withOld = await run(['keys', 'status', '--json'], { ENAMEL_MASTER_KEY: envKey });
    expect(JSON.parse(withOld.stdout).master.opensDataKeys).toBe(false);
    expect((await run(['keys', 'rotate'], { ENAMEL_MASTER_KEY: envKey })).stderr).toContain(
      'MASTER_KEY_INVALID',
    );
    const rotated = await run(['keys', 'rotate', '--json'], { ENAMEL_MASTER_KEY: printedKey });
    expect(rotated.code).toBe(0);
    const secrets = await openSecretBox({
      db: handle.db,
      config: loadConfig({ ...env, ENAMEL_MASTER_KEY: printedKey }),
    });
    const stored = await readVault(handle.db);
    expect(await secrets.decrypt(stored[2]?.secret as string, vaultColumn.aad({ id: rowId(2) }))).toBe(
      plaintextFor(2),
    );
    printed.splice(printed.indexOf(result.stdout), 1);
  });

  it('never printed or logged a plaintext or key material', async () => {
    const output = printed.join('\n');
    expect(output).toContain('"msg":"data key rotated"');
    for (let i = 0; i < rows; i++) expect(output).not.toContain(plaintextFor(i));
    const fileKeys = fs
      .readdirSync(env.ENAMEL_DATA_DIR as string)
      .map((f) => fs.readFileSync(path.join(env.ENAMEL_DATA_DIR as string, f), 'utf8').trim());
    for (const key of fileKeys) expect(output).not.toContain(key);
    const ring = await keyRows();
    for (const row of ring) {
      expect(output).not.toContain(row.wrappedKey);
    }
  });
});
