import { describe, expect, it } from 'vitest';
import { type Admission, admit, type ProviderRules } from './sso.rules.ts';

const entra: ProviderRules = {
  kind: 'entra',
  allowedDomains: ['smiledental.com'],
  groupClaim: 'groups',
  roleMappings: [
    { group: '8f1c0a57-0000-4000-8000-000000000001', role: 'security_officer' },
    { group: 'Enamel IT', role: 'it_admin' },
  ],
  defaultRole: 'staff',
};
const google: ProviderRules = { ...entra, kind: 'google', roleMappings: [], defaultRole: 'staff' };

const cases: [string, ProviderRules, Record<string, unknown>, Admission][] = [
  [
    'maps the first matching group, in the administrator’s order',
    entra,
    { email: 'Ann@SmileDental.com', groups: ['enamel it', '8f1c0a57-0000-4000-8000-000000000001'] },
    { kind: 'admitted', email: 'ann@smiledental.com', role: 'security_officer' },
  ],
  [
    'accepts a single group as a string',
    entra,
    { email: 'ann@smiledental.com', groups: 'Enamel IT' },
    { kind: 'admitted', email: 'ann@smiledental.com', role: 'it_admin' },
  ],
  [
    'falls back to the default role',
    entra,
    { email: 'ann@smiledental.com', groups: ['other'] },
    { kind: 'admitted', email: 'ann@smiledental.com', role: 'staff' },
  ],
  [
    'denies without a default role',
    { ...entra, defaultRole: null },
    { email: 'ann@smiledental.com' },
    { kind: 'refused', reason: 'SSO_NO_ROLE', email: 'ann@smiledental.com' },
  ],
  [
    'refuses an email the provider says is unverified',
    entra,
    { email: 'ann@smiledental.com', email_verified: false },
    { kind: 'refused', reason: 'SSO_EMAIL_UNVERIFIED', email: null },
  ],
  [
    'refuses a missing email',
    entra,
    { preferred_username: 'ann@smiledental.com' },
    { kind: 'refused', reason: 'SSO_EMAIL_UNVERIFIED', email: null },
  ],
  [
    'refuses another domain, and a subdomain',
    entra,
    { email: 'ann@mail.smiledental.com' },
    { kind: 'refused', reason: 'SSO_DOMAIN_NOT_ALLOWED', email: 'ann@mail.smiledental.com' },
  ],
  [
    'requires Google to say the email is verified',
    google,
    { email: 'ann@smiledental.com', hd: 'smiledental.com' },
    { kind: 'refused', reason: 'SSO_EMAIL_UNVERIFIED', email: null },
  ],
  [
    'refuses a Google account outside the Workspace (no hd)',
    google,
    { email: 'ann@smiledental.com', email_verified: true },
    { kind: 'refused', reason: 'SSO_DOMAIN_NOT_ALLOWED', email: 'ann@smiledental.com' },
  ],
  [
    'admits a verified Google Workspace account',
    google,
    { email: 'ann@smiledental.com', email_verified: 'true', hd: 'smiledental.com' },
    { kind: 'admitted', email: 'ann@smiledental.com', role: 'staff' },
  ],
];

describe('single sign-on admission', () => {
  it.each(cases)('%s', (_name, rules, claims, expected) => {
    expect(admit(rules, claims)).toEqual(expected);
  });
});
