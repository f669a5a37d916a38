import type { ProviderKind, RoleMapping } from './sso.schema.ts';

/** Why a sign-in is refused after the provider answered: each is an error code of docs/errors.md. */
export type Refusal = 'SSO_EMAIL_UNVERIFIED' | 'SSO_DOMAIN_NOT_ALLOWED' | 'SSO_NO_ROLE';

export interface ProviderRules {
  readonly kind: ProviderKind;
  readonly allowedDomains: readonly string[];
  readonly groupClaim: string;
  readonly roleMappings: readonly RoleMapping[];
  readonly defaultRole: RoleMapping['role'] | null;
}

export type Admission =
  | { readonly kind: 'admitted'; readonly email: string; readonly role: RoleMapping['role'] }
  | { readonly kind: 'refused'; readonly reason: Refusal; readonly email: string | null };

/** A claim that may be a boolean or, from some providers, the string "true" / "false". */
function claimFlag(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/**
 * The email address, when it can be trusted: Google always says whether it is verified (and must say yes);
 * other providers are believed unless they say it is not (Entra ID sends no `email_verified`; its tenant
 * administrators own the addresses, and the allowed domains narrow them further).
 */
export function verifiedEmail(kind: ProviderKind, claims: Readonly<Record<string, unknown>>): string | null {
  const email = claims.email;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email.trim()) || email.length > 254) return null;
  const verified = claimFlag(claims.email_verified);
  if (verified === false || (kind === 'google' && verified !== true)) return null;
  return email.trim().toLowerCase();
}

/** The group names or ids of the claim: a list of strings, or one string. */
export function groupsOf(claims: Readonly<Record<string, unknown>>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string');
}

/** The first mapping whose group the person is in, in the administrator's order; else the default role. */
export function mappedRole(
  rules: Pick<ProviderRules, 'roleMappings' | 'defaultRole'>,
  groups: readonly string[],
): RoleMapping['role'] | null {
  const held = new Set(groups.map((group) => group.toLowerCase()));
  const match = rules.roleMappings.find((mapping) => held.has(mapping.group.toLowerCase()));
  return match?.role ?? rules.defaultRole;
}

/** Decides from the ID token's claims whether, and as what role, the person may sign in. */
export function admit(rules: ProviderRules, claims: Readonly<Record<string, unknown>>): Admission {
  const email = verifiedEmail(rules.kind, claims);
  if (email === null) return { kind: 'refused', reason: 'SSO_EMAIL_UNVERIFIED', email: null };
  const domain = email.slice(email.lastIndexOf('@') + 1);
  // Google names the Workspace of the account in `hd`; a personal account has none and is refused.
  const hostedDomain = rules.kind === 'google' ? claims.hd : domain;
  if (
    !rules.allowedDomains.includes(domain) ||
    typeof hostedDomain !== 'string' ||
    !rules.allowedDomains.includes(hostedDomain.toLowerCase())
  ) {
    return { kind: 'refused', reason: 'SSO_DOMAIN_NOT_ALLOWED', email };
  }
  const role = mappedRole(rules, groupsOf(claims, rules.groupClaim));
  if (role === null) return { kind: 'refused', reason: 'SSO_NO_ROLE', email };
  return { kind: 'admitted', email, role };
}
