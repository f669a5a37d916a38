import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, API token secrets, one-time links. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a database leak reveals no usable token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const apiTokenPrefix = 'enm_';
