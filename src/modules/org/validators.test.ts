import { describe, expect, it } from 'vitest';
import { isUsState } from './us-states.ts';
import { canonicalTimeZone, isValidNpi, nameKey } from './validators.ts';

describe('isValidNpi', () => {
  it.each([
    ['1234567893', true],
    ['1245319599', true],
    ['1234567890', false],
    ['123456789', false],
    ['12345678931', false],
    ['12345a7893', false],
  ])('%s -> %s', (npi, valid) => expect(isValidNpi(npi)).toBe(valid));
});

describe('canonicalTimeZone', () => {
  it.each([
    ['America/Chicago', 'America/Chicago'],
    ['US/Central', 'US/Central'],
    ['america/chicago', 'America/Chicago'],
    ['America/Indiana/Indianapolis', 'America/Indiana/Indianapolis'],
    ['Pacific/Honolulu', 'Pacific/Honolulu'],
    ['Mars/Olympus', null],
    ['America/Chicago; drop table', null],
    ['', null],
  ])('%s -> %s', (zone, canonical) => expect(canonicalTimeZone(zone)).toBe(canonical));
});

describe('states and names', () => {
  it('knows the 50 states, DC and the territories, and nothing else', () => {
    expect(['TX', 'DC', 'PR', 'GU', 'VI'].every(isUsState)).toBe(true);
    expect(['ZZ', 'tx', 'T', 'toString', '__proto__'].some(isUsState)).toBe(false);
  });
  it('keys names case- and space-insensitively', () => {
    expect(nameKey('  Lakeside   Family DENTAL ')).toBe('lakeside family dental');
  });
});
