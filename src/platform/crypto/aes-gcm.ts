import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// AES-256-GCM with a random 96-bit IV and a 128-bit tag (NIST SP 800-38D 8.2.2: random IVs are safe up to
// 2^32 messages per key, far beyond what one data key encrypts between rotations).
export const ivLength = 12;
export const tagLength = 16;

export interface Sealed {
  readonly iv: Buffer;
  /** Ciphertext followed by the authentication tag. */
  readonly sealed: Buffer;
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, sealed: Buffer.concat([body, cipher.getAuthTag()]) };
}

/** The plaintext, or undefined when the tag does not verify (wrong key, changed bytes or other AAD). */
export function open(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer): Buffer | undefined {
  if (iv.length !== ivLength || sealed.length < tagLength) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagLength)), decipher.final()]);
  } catch {
    return undefined;
  }
}

const base64url = /^[A-Za-z0-9_-]*$/;

/** Strict base64url decoding: undefined for any character outside the alphabet. */
export function fromBase64url(text: string): Buffer | undefined {
  return base64url.test(text) ? Buffer.from(text, 'base64url') : undefined;
}
