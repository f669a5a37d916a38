import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { open, seal } from './aes-gcm.ts';
import { KeyMaterial } from './key-material.ts';

describe('KeyMaterial', () => {
  const key = KeyMaterial.generate();
  const base64 = key.revealBase64();

  it('never prints its bytes', () => {
    const shown = [JSON.stringify({ key }), String(key), `${key}`, inspect({ key }, { depth: 5 })].join(' ');
    expect(shown).not.toContain(base64);
    expect(shown).not.toContain(key.bytes().toString('hex'));
    expect(shown).toContain('[hidden]');
  });

  it.each([
    ['empty', ''],
    ['too short', Buffer.alloc(16).toString('base64')],
    ['too long', Buffer.alloc(33).toString('base64')],
    ['not base64', `${'!'.repeat(43)}=`],
    ['base64url', Buffer.alloc(32, 0xfb).toString('base64url')],
    ['non-canonical padding bits', `${'A'.repeat(42)}B=`],
  ])('refuses %s', (_name, text) => expect(KeyMaterial.fromBase64(text)).toBeUndefined());

  it('parses the base64 of 32 bytes, surrounding whitespace allowed', () => {
    expect(KeyMaterial.fromBase64(`${base64}\n`)?.fingerprint()).toBe(key.fingerprint());
    expect(key.fingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(KeyMaterial.generate().fingerprint()).not.toBe(key.fingerprint());
  });
});

describe('AES-256-GCM', () => {
  const key = KeyMaterial.generate().bytes();
  const aad = Buffer.from('t.c:1');

  it('round-trips and authenticates the AAD and every byte', () => {
    const { iv, sealed } = seal(key, Buffer.from('s3cret'), aad);
    expect(open(key, iv, sealed, aad)?.toString()).toBe('s3cret');
    expect(open(key, iv, sealed, Buffer.from('t.c:2'))).toBeUndefined();
    for (let i = 0; i < sealed.length; i++) {
      const copy = Buffer.from(sealed);
      copy[i] = (copy[i] as number) ^ 1;
      expect(open(key, iv, copy, aad)).toBeUndefined();
    }
    expect(open(KeyMaterial.generate().bytes(), iv, sealed, aad)).toBeUndefined();
  });

  it('uses a fresh IV each time', () => {
    const a = seal(key, Buffer.from('x'), aad);
    const b = seal(key, Buffer.from('x'), aad);
    expect(a.iv.equals(b.iv)).toBe(false);
  });
});
