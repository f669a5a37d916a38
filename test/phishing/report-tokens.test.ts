import { describe, expect, it } from 'vitest';
import { findTrackingTokens } from '../../src/modules/phishing/reporting/report-tokens.ts';

const base = 'https://secure-login.example.net';
const token = 'VhzLtDrc4ErwNbOaa1MvnaQrsNTt2hFP7Ubuopu_vX8';
const other = 'Ab-_0123456789abcdefghijklmnopqrstuvwxyzABC';

describe('findTrackingTokens', () => {
  const cases: [string, string, string[]][] = [
    ['a plain link', `<a href="${base}/l/${token}">x</a>`, [token]],
    ['the open pixel', `<img src="${base}/o/${token}.gif">`, [token]],
    [
      'quoted-printable with a soft line break inside the token',
      `<a href=3D"${base}/l/${token.slice(0, 20)}=\r\n${token.slice(20)}">`,
      [token],
    ],
    [
      'Microsoft Safe Links',
      `https://nam02.safelinks.protection.outlook.com/?url=${encodeURIComponent(`${base}/l/${token}`)}&data=05%7C02`,
      [token],
    ],
    [
      'Safe Links inside quoted-printable',
      `https://eur01.safelinks.protection.outlook.com/?url=3D${encodeURIComponent(`${base}/l/${token}`)}&amp;data=3D05`,
      [token],
    ],
    [
      'Proofpoint URL Defense v3',
      `https://urldefense.com/v3/__${base}/l/${token}__;!!G2kpM7uM!kT9z$`,
      [token],
    ],
    [
      'Proofpoint URL Defense v2',
      `https://urldefense.proofpoint.com/v2/url?u=https-3A__secure-2Dlogin.example.net_l_${token.replace(/_/g, '-5F')}&d=DwMF&c=x`,
      [token],
    ],
    ['an upper-case host', `HTTPS://SECURE-LOGIN.EXAMPLE.NET/l/${token}`, [token]],
    [
      'two tokens, in order of appearance',
      `${base}/l/${other} ${base}/l/${token} ${base}/o/${other}.gif`,
      [other, token],
    ],
    ['another host', `https://secure-login.example.org/l/${token}`, []],
    ['a token one character too long', `${base}/l/${token}x`, []],
    ['a token one character too short', `${base}/l/${token.slice(1)} `, []],
    ['a path that is not a link', `${base}/x/${token}`, []],
  ];
  for (const [name, text, expected] of cases) {
    it(`finds ${expected.length} token(s) in ${name}`, () => {
      expect(findTrackingTokens([text], base)).toEqual(expected);
    });
  }

  it('works with a tracking URL that has a path', () => {
    expect(
      findTrackingTokens([`https://mail.example.com/t/l/${token}`], 'https://mail.example.com/t/'),
    ).toEqual([token]);
  });
});
