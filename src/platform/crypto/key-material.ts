import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** AES-256 keys: 32 bytes. */
export const keyLength = 32;

const hidden = '[hidden]';

/**
 * 32 bytes of key material that never prints itself: JSON (and so pino), String() and util.inspect all show
 * "[hidden]". Only node:crypto calls and the one deliberate print of a new master key read the bytes.
 */
export class KeyMaterial {
  readonly #bytes: Buffer;

  constructor(bytes: Buffer) {
    if (bytes.length !== keyLength) throw new RangeError(`A key is ${keyLength} bytes.`);
    this.#bytes = Buffer.from(bytes);
  }

  static generate(): KeyMaterial {
    return new KeyMaterial(randomBytes(keyLength));
  }

  /** Parses the base64 of exactly 32 bytes (44 characters); undefined for anything else. */
  static fromBase64(text: string): KeyMaterial | undefined {
    const trimmed = text.trim();
    if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return undefined;
    const bytes = Buffer.from(trimmed, 'base64');
    // Non-canonical padding bits would let two spellings name one key; accept only the canonical one.
    if (bytes.length !== keyLength || bytes.toString('base64') !== trimmed) return undefined;
    return new KeyMaterial(bytes);
  }

  /** The raw bytes, for node:crypto calls only. */
  bytes(): Buffer {
    return this.#bytes;
  }

  /** The key as base64: written to the key file, or printed once by `enamel keys rotate --master`. */
  revealBase64(): string {
    return this.#bytes.toString('base64');
  }

  /** A short identifier that is safe to show and store: HMAC-SHA-256 of a fixed label, 16 hex digits. */
  fingerprint(): string {
    return createHmac('sha256', this.#bytes).update('enamel key fingerprint v1').digest('hex').slice(0, 16);
  }

  toJSON(): string {
    return hidden;
  }

  toString(): string {
    return hidden;
  }

  [inspect.custom](): string {
    return `KeyMaterial ${hidden}`;
  }
}
