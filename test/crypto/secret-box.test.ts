import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.ts';
import {
  createSecretBox,
  isEncrypted,
  KeyMaterial,
  KeyRing,
  type MasterKey,
  type SecretBox,
} from '../../src/platform/crypto/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { describeEachDialect } from '../harness/db.ts';

const masterKey: MasterKey = { key: KeyMaterial.generate(), source: { kind: 'environment' } };

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describeEachDialect('SecretBox', (get) => {
  let box: SecretBox;
  const aad = 'smtpSettings.password:0190a1b2';
  const secret = 'correct horse battery staple ü';

  it('creates the first data key on first use, wrapped under the master key', async () => {
    const ring = new KeyRing({ db: get().handle.db, masterKey });
    await ring.load();
    box = createSecretBox(ring);
    const rows = await get().handle.db.selectFrom('encryptionKeys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'active', kekFingerprint: masterKey.key.fingerprint() });
    expect(rows[0]?.wrappedKey).toMatch(/^v1:[\w-]{16}:[\w-]+$/);
  });

  it('round-trips with the self-describing format', async () => {
    const value = await box.encrypt(secret, aad);
    const [keyId] = (await get().handle.db.selectFrom('encryptionKeys').select('id').execute()).map(
      (r) => r.id,
    );
    expect(value).toMatch(new RegExp(`^enc:v1:${keyId}:[\\w-]{16}:[\\w-]+$`));
    expect(value).not.toContain(secret);
    expect(box.isEncrypted(value)).toBe(true);
    expect(isEncrypted(secret)).toBe(false);
    expect(await box.decrypt(value, aad)).toBe(secret);
    expect(await box.encrypt(secret, aad)).not.toBe(value);
    expect(await box.decrypt(await box.encrypt('', aad), aad)).toBe('');
  });

  it('refuses tampered values, another place, an unknown key and malformed text, never showing the secret', async () => {
    const value = await box.encrypt(secret, aad);
    const parts = value.split(':');
    const body = Buffer.from(parts[4] as string, 'base64url');
    body[0] = (body[0] as number) ^ 0x01;
    const tampered = [...parts.slice(0, 4), body.toString('base64url')].join(':');
    const unknownKey = ['enc', 'v1', '0190ffff-ffff-7fff-8fff-ffffffffffff', parts[3], parts[4]].join(':');
    const cases: [string, string, RegExp][] = [
      [tampered, aad, /does not decrypt: it was changed, or it was copied from another field or record/],
      [value, 'smtpSettings.password:other-row', /smtpSettings.password:other-row does not decrypt/],
      [value, 'imapSettings.password:0190a1b2', /does not decrypt/],
      [unknownKey, aad, /data key "0190ffff-ffff-7fff-8fff-ffffffffffff", which this database does not hold/],
      ['enc:v1:nonsense', aad, /not an Enamel ciphertext/],
      [secret, aad, /not an Enamel ciphertext/],
    ];
    for (const [stored, place, message] of cases) {
      const error = await failure(() => box.decrypt(stored, place));
      expect(error.code).toBe('SECRET_DECRYPT_FAILED');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });

  it('refuses to open the data keys with another master key, naming both fingerprints', async () => {
    const other: MasterKey = { key: KeyMaterial.generate(), source: { kind: 'environment' } };
    const error = await failure(() => new KeyRing({ db: get().handle.db, masterKey: other }).load());
    expect(error.code).toBe('MASTER_KEY_INVALID');
    expect(error.message).toContain(other.key.fingerprint());
    expect(error.message).toContain(masterKey.key.fingerprint());
    expect(error.message).toContain('ENAMEL_MASTER_KEY');
  });

  it('refuses a changed wrapped key', async () => {
    const db = get().handle.db;
    const row = await db.selectFrom('encryptionKeys').selectAll().executeTakeFirstOrThrow();
    const other = await db.selectFrom('encryptionKeys').selectAll().executeTakeFirstOrThrow();
    await db
      .insertInto('encryptionKeys')
      .values({ ...other, id: '0190eeee-eeee-7eee-8eee-eeeeeeeeeeee', status: 'retired' })
      .execute();
    const error = await failure(() => new KeyRing({ db, masterKey }).load());
    expect(error.code).toBe('MASTER_KEY_INVALID');
    expect(error.message).toContain('0190eeee-eeee-7eee-8eee-eeeeeeeeeeee');
    await db.deleteFrom('encryptionKeys').where('id', '<>', row.id).execute();
  });

  it('picks up a key rotated by another process once its cached active key is stale', async () => {
    const clock = fixedClock('2026-11-02T15:00:00.000Z');
    const ring = new KeyRing({ db: get().handle.db, masterKey, clock, refreshMs: 1000 });
    await ring.load();
    const mine = createSecretBox(ring);
    const before = (await ring.active()).id;
    const other = new KeyRing({ db: get().handle.db, masterKey });
    await other.load();
    const { replaceActiveDataKey } = await import('../../src/platform/crypto/data-keys.ts');
    const { id } = await replaceActiveDataKey(get().handle.db, masterKey.key, clock);
    // Values written by the other process decrypt here at once: unknown key ids are read on demand.
    const written = await createSecretBox(other).encrypt(secret, aad);
    await other.reload();
    const fresh = await createSecretBox(other).encrypt(secret, aad);
    expect(fresh).toContain(id);
    expect(await mine.decrypt(fresh, aad)).toBe(secret);
    expect(await mine.decrypt(written, aad)).toBe(secret);
    expect((await ring.active()).id).toBe(before);
    clock.advance(1001);
    await ring.active();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await ring.active()).id).toBe(id);
  });
});

describe('isEncrypted', () => {
  it.each([
    ['enc:v1:0190a1b2-0000-7000-8000-000000000000:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA', true],
    ['enc:v1:0190a1b2-0000-7000-8000-000000000000:AAAA:AAAAAAAAAAAAAAAAAAAAAA', false],
    ['enc:v2:0190a1b2-0000-7000-8000-000000000000:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA', false],
    ['plain password', false],
  ])('%s -> %s', (value, expected) => expect(isEncrypted(value)).toBe(expected));
});
