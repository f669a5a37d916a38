import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { fromBase64url, ivLength, open, seal, tagLength } from './aes-gcm.ts';
import { KeyRing } from './key-ring.ts';
import { loadMasterKey, type MasterKeySettings } from './master-key.ts';

/** Encrypts and decrypts secrets stored in the database, each bound to its place by `aad`. */
export interface SecretBox {
  /** `enc:v1:<keyId>:<iv>:<ciphertext+tag>` under the active data key. */
  encrypt(plaintext: string, aad: string): Promise<string>;
  /** The plaintext; SECRET_DECRYPT_FAILED when the value is malformed, changed, moved or its key is gone. */
  decrypt(value: string, aad: string): Promise<string>;
  /** Whether the value has the shape of an Enamel ciphertext (it is not decrypted). */
  isEncrypted(value: string): boolean;
}

export const ciphertextPrefix = 'enc:v1:';
/** Data key ids are UUIDs: 36 characters, so `enc:v1:<id>:` has a fixed length of 44. */
export const keyIdLength = 36;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ParsedCiphertext {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly sealed: Buffer;
}

function parseCiphertext(value: string): ParsedCiphertext | undefined {
  const parts = value.split(':');
  if (parts.length !== 5 || parts[0] !== 'enc' || parts[1] !== 'v1') return undefined;
  const [, , keyId = '', iv = '', sealed = ''] = parts;
  const ivBytes = fromBase64url(iv);
  const sealedBytes = fromBase64url(sealed);
  if (
    !uuidPattern.test(keyId) ||
    ivBytes?.length !== ivLength ||
    !sealedBytes ||
    sealedBytes.length < tagLength
  ) {
    return undefined;
  }
  return { keyId, iv: ivBytes, sealed: sealedBytes };
}

export function isEncrypted(value: string): boolean {
  return parseCiphertext(value) !== undefined;
}

// The key id is authenticated too, so the header cannot be edited to point at another key.
const gcmAad = (keyId: string, aad: string) => Buffer.from(`${ciphertextPrefix}${keyId}\n${aad}`, 'utf8');

function decryptFailed(message: string): AppError {
  return new AppError('SECRET_DECRYPT_FAILED', message);
}

/** A SecretBox over a loaded key ring. */
export function createSecretBox(ring: KeyRing): SecretBox {
  return {
    isEncrypted,
    async encrypt(plaintext, aad) {
      const { id, key } = await ring.active();
      const { iv, sealed } = seal(key, Buffer.from(plaintext, 'utf8'), gcmAad(id, aad));
      return `${ciphertextPrefix}${id}:${iv.toString('base64url')}:${sealed.toString('base64url')}`;
    },
    async decrypt(value, aad) {
      const parsed = parseCiphertext(value);
      if (!parsed)
        throw decryptFailed(`The stored value of ${aad} is not an Enamel ciphertext (enc:v1:...).`);
      const key = await ring.key(parsed.keyId);
      if (!key) {
        throw decryptFailed(
          `The stored value of ${aad} was encrypted with data key "${parsed.keyId}", which this database does ` +
            'not hold (was the database restored without its encryptionKeys table?).',
        );
      }
      const plaintext = open(key, parsed.iv, parsed.sealed, gcmAad(parsed.keyId, aad));
      if (!plaintext) {
        throw decryptFailed(
          `The stored value of ${aad} does not decrypt: it was changed, or it was copied from another field or record.`,
        );
      }
      return plaintext.toString('utf8');
    },
  };
}

export interface OpenSecretBoxOptions {
  readonly db: Kysely<Database>;
  readonly config: MasterKeySettings;
  readonly clock?: Clock;
}

/**
 * Loads the master key (creating the key file at first use), unwraps the data keys and answers a SecretBox.
 * Build it once per process and pass it to the services that store secrets.
 */
export async function openSecretBox(options: OpenSecretBoxOptions): Promise<SecretBox> {
  const masterKey = loadMasterKey(options.config);
  const ring = new KeyRing({ db: options.db, masterKey, ...(options.clock ? { clock: options.clock } : {}) });
  await ring.load();
  return createSecretBox(ring);
}
