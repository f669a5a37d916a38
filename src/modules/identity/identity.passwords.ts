import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** Argon2id with OWASP's first recommended parameter set: 19 MiB memory, 2 iterations, 1 lane. */
// algorithm 2 is Argon2id in @node-rs/argon2's const enum, which verbatimModuleSyntax cannot import.
const argonOptions = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const minPasswordLength = 12;
export const maxPasswordLength = 256;

/** About 49,000 passwords most often seen in breaches (zxcvbn-ts common dictionary), lower-cased. */
const commonPasswords = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

/** A fixed hash so unknown accounts cost the same verification time as real ones (no user enumeration). */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoyHash ??= hashPassword('decoy password that matches nothing');
    await verify(await decoyHash, password);
    return false;
  }
  return verify(stored, password);
}

/**
 * NIST SP 800-63B 3.1.1.2: at least 12 characters here, any characters, no composition rules, refused when it
 * is a commonly used password or derives from the service or the user's own name or email.
 */
export function passwordProblem(password: string, context: readonly string[]): string | null {
  if ([...password].length < minPasswordLength) return `must be at least ${minPasswordLength} characters`;
  if (password.length > maxPasswordLength) return `must be at most ${maxPasswordLength} characters`;
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower) || /^(.)\1+$/.test(lower))
    return 'is too common: choose a password that is not on breach lists';
  const words = ['enamel', ...context.flatMap((c) => c.toLowerCase().split(/[^a-z0-9]+/))].filter(
    (w) => w.length >= 4,
  );
  const found = words.find((word) => lower.includes(word));
  if (found) return `must not contain "${found}" (your name, email or the service's name)`;
  return null;
}
