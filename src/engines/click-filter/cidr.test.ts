import { describe, expect, it } from 'vitest';
import { cidrContains, parseAddress, parseCidr } from './cidr.ts';

function contains(range: string, address: string): boolean {
  const cidr = parseCidr(range);
  const parsed = parseAddress(address);
  if (!cidr || !parsed) throw new Error(`bad case ${range} ${address}`);
  return cidrContains(cidr, parsed);
}

describe('CIDR ranges', () => {
  it.each([
    ['40.92.0.0/15', '40.93.255.255', true],
    ['40.92.0.0/15', '40.94.0.0', false],
    ['40.92.0.0/15', '40.91.255.255', false],
    ['192.0.2.7', '192.0.2.7', true],
    ['192.0.2.7', '192.0.2.8', false],
    ['0.0.0.0/0', '203.0.113.1', true],
    ['104.47.0.0/17', '::ffff:104.47.12.1', true],
    ['2a01:111:f400::/48', '2a01:111:f400:7c00::1', true],
    ['2a01:111:f400::/48', '2a01:111:f401::1', false],
    ['2001:db8::/32', '2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff', true],
    ['2001:db8::/32', '2001:db9::', false],
    ['::/0', '2001:db8::1', true],
    ['::/0', '192.0.2.1', false],
    ['192.0.2.0/24', '2001:db8::1', false],
    ['2001:db8::/64', '2001:db8::192.0.2.1', true],
  ])('%s contains %s: %s', (range, address, expected) => {
    expect(contains(range, address)).toBe(expected);
  });

  it.each([
    '192.0.2.0/33',
    '2001:db8::/129',
    '256.0.0.1/8',
    '192.0.2/24',
    '1.2.3.4/-1',
    '1.2.3.4/8/8',
    '2001:db8:::1/64',
    '2001:db8::1::2',
    '1:2:3:4:5:6:7:8:9',
    'example.com',
    '',
    '01.2.3.4',
  ])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it('normalises the network of a range written with host bits', () => {
    expect(parseCidr('192.0.2.77/24')).toEqual({ family: 4, network: 0xc0000200n, prefix: 24 });
  });

  it('reads bracketed and zone-qualified addresses', () => {
    expect(parseAddress('[2001:db8::1]')).toEqual({ family: 6, value: 0x20010db8000000000000000000000001n });
    expect(parseAddress('fe80::1%eth0')?.family).toBe(6);
    expect(parseAddress('not an address')).toBeUndefined();
  });
});
