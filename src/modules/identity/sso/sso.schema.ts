import { z } from 'zod';
import { text } from '../../../platform/http/schemas.ts';
import { type Role, roles } from '../identity.roles.ts';

export const providerKinds = ['entra', 'google', 'generic'] as const;
export type ProviderKind = (typeof providerKinds)[number];

/** Auditor accounts need an end date, which a sign-in cannot give: the provider never makes auditors. */
export const ssoRoles = roles.filter((role): role is Exclude<Role, 'auditor'> => role !== 'auditor');

/** Entra ID and Google are trusted to enforce their own MFA unless an administrator says otherwise. */
export function defaultEnforcesMfa(kind: ProviderKind): boolean {
  return kind !== 'generic';
}

const loopbackHosts = new Set(['localhost', '[::1]']);

/** Plain HTTP is only for an issuer on this machine (a test or a local provider); tokens never cross a network in clear. */
export function isLoopbackUrl(url: URL): boolean {
  return loopbackHosts.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

const issuerUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
    return secure && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  }, 'must be an https URL without query, such as https://login.microsoftonline.com/<tenant id>/v2.0');

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name such as smiledental.com',
  );

export const roleMapping = z.strictObject({
  /** A group id (Entra object id) or name, as the provider puts it in the group claim. */
  group: text(256),
  role: z.enum(ssoRoles),
});
export type RoleMapping = z.infer<typeof roleMapping>;

const fields = {
  name: text(100),
  kind: z.enum(providerKinds),
  issuerUrl,
  clientId: text(256),
  clientSecret: z.string().min(1, 'is required').max(2048),
  allowedDomains: z
    .array(domain)
    .min(1, 'must list at least one domain')
    .max(50)
    .transform((list) => [...new Set(list)]),
  groupClaim: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'must be a claim name such as groups'),
  roleMappings: z.array(roleMapping).max(200),
  defaultRole: z.enum(ssoRoles).nullable(),
  enforcesMfa: z.boolean(),
  enabled: z.boolean(),
};

export const createProviderInput = z.strictObject({
  ...fields,
  groupClaim: fields.groupClaim.default('groups'),
  roleMappings: fields.roleMappings.default([]),
  defaultRole: fields.defaultRole.default(null),
  /** Defaults to true for entra and google, false for generic. */
  enforcesMfa: fields.enforcesMfa.optional(),
  enabled: fields.enabled.default(true),
});
export type CreateProviderInput = z.infer<typeof createProviderInput>;

/** Every field may change; a clientSecret given replaces the stored one, absent keeps it. */
export const updateProviderInput = z.strictObject(fields).partial();
export type UpdateProviderInput = z.infer<typeof updateProviderInput>;

export const providerView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(providerKinds),
  issuerUrl: z.string(),
  clientId: z.string(),
  allowedDomains: z.array(z.string()),
  groupClaim: z.string(),
  roleMappings: z.array(z.object({ group: z.string(), role: z.enum(ssoRoles) })),
  defaultRole: z.enum(ssoRoles).nullable(),
  enforcesMfa: z.boolean(),
  enabled: z.boolean(),
  /** What to register at the provider as the redirect (reply) URI. */
  redirectUri: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProviderView = z.infer<typeof providerView>;

export const signInOptionsQuery = z.strictObject({ email: z.string().trim().max(254).optional() });

export const signInOptionView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(providerKinds),
});
export type SignInOptionView = z.infer<typeof signInOptionView>;
