import {
  roles,
  type SsoProviderInput,
  type SsoProviderKind,
  type SsoProviderView,
  type SsoRole,
  type SsoRoleMapping,
} from '../../api/types.ts';
import type { FieldErrors } from '../../components/forms/server-errors.ts';

export interface SsoProviderFormValues extends Record<string, unknown> {
  name: string;
  kind: SsoProviderKind;
  issuerUrl: string;
  clientId: string;
  /** Write-only: '' keeps the stored secret when editing. */
  clientSecret: string;
  allowedDomains: string[];
  groupClaim: string;
  roleMappings: SsoRoleMapping[];
  /** 'deny' is the API's null: people of no mapped group cannot sign in. */
  defaultRole: SsoRole | 'deny';
  enforcesMfa: boolean;
  enabled: boolean;
}

/** Auditors are never made by a sign-in (their accounts need an end date). */
export const ssoRoles = roles.filter((role): role is SsoRole => role !== 'auditor');

export const kindLabels: Record<SsoProviderKind, string> = {
  entra: 'Microsoft Entra ID',
  google: 'Google Workspace',
  generic: 'Other OpenID Connect provider',
};

export const issuerExamples: Record<SsoProviderKind, string> = {
  entra: 'https://login.microsoftonline.com/<Directory (tenant) ID>/v2.0',
  google: 'https://accounts.google.com',
  generic: 'https://idp.example.com',
};

/** The server's default: Entra ID and Google enforce their own MFA unless an administrator says otherwise. */
export function defaultEnforcesMfa(kind: SsoProviderKind): boolean {
  return kind !== 'generic';
}

export function toSsoProviderFormValues(provider: SsoProviderView | null): SsoProviderFormValues {
  return {
    name: provider?.name ?? '',
    kind: provider?.kind ?? 'entra',
    issuerUrl: provider?.issuerUrl ?? '',
    clientId: provider?.clientId ?? '',
    clientSecret: '',
    allowedDomains: provider?.allowedDomains ?? [],
    groupClaim: provider?.groupClaim ?? 'groups',
    roleMappings: provider?.roleMappings ?? [],
    defaultRole: provider?.defaultRole ?? 'deny',
    enforcesMfa: provider?.enforcesMfa ?? true,
    // New providers start off: the redirect URI must be registered at the provider first (docs/sso.md).
    enabled: provider?.enabled ?? false,
  };
}

const domainPattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const loopbackHost = /^(localhost|\[::1\]|127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

function issuerProblem(value: string): string | null {
  if (!URL.canParse(value)) return 'Enter the issuer URL, such as https://accounts.google.com.';
  const url = new URL(value);
  const isSecure = url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHost.test(url.hostname));
  if (!isSecure) return 'Use an https URL (plain http only for a provider on this machine).';
  if (url.search || url.hash || url.username || url.password)
    return 'Remove the query, fragment or credentials.';
  return null;
}

export function validateSsoProviderForm(values: SsoProviderFormValues, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Name the provider as people will see it on the sign-in page.';
  const issuer = issuerProblem(values.issuerUrl.trim());
  if (issuer) errors.issuerUrl = issuer;
  if (!values.clientId.trim()) errors.clientId = 'Enter the client (application) ID.';
  if (isNew && !values.clientSecret) errors.clientSecret = 'Enter the client secret.';
  if (values.allowedDomains.length === 0) errors.allowedDomains = 'List at least one email domain.';
  const badDomain = values.allowedDomains.find((domain) => !domainPattern.test(domain.toLowerCase()));
  if (badDomain) errors.allowedDomains = `“${badDomain}” is not a domain name such as smiledental.com.`;
  if (!/^[A-Za-z0-9_.:/-]{1,100}$/.test(values.groupClaim.trim())) {
    errors.groupClaim = 'Enter a claim name such as groups.';
  }
  values.roleMappings.forEach((mapping, index) => {
    if (!mapping.group.trim()) errors[`roleMappings.${index}.group`] = 'Enter the group ID or name.';
  });
  return errors;
}

/** The create body: every field, the secret included. */
export function toCreateSsoProviderInput(values: SsoProviderFormValues): SsoProviderInput {
  const { clientSecret, ...rest } = toComparable(values);
  return { ...rest, clientSecret };
}

/** Only what changed; the secret only when the administrator typed a new one. */
export function toUpdateSsoProviderInput(
  initial: SsoProviderFormValues,
  values: SsoProviderFormValues,
): SsoProviderInput {
  const before = toComparable(initial);
  const after = toComparable(values);
  const input: SsoProviderInput = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (key !== 'clientSecret' && JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      Object.assign(input, { [key]: after[key] });
    }
  }
  if (values.clientSecret) input.clientSecret = values.clientSecret;
  return input;
}

function toComparable(values: SsoProviderFormValues) {
  return {
    name: values.name.trim(),
    kind: values.kind,
    issuerUrl: values.issuerUrl.trim(),
    clientId: values.clientId.trim(),
    clientSecret: values.clientSecret,
    allowedDomains: values.allowedDomains.map((domain) => domain.trim().toLowerCase()),
    groupClaim: values.groupClaim.trim(),
    roleMappings: values.roleMappings.map((mapping) => ({ group: mapping.group.trim(), role: mapping.role })),
    defaultRole: values.defaultRole === 'deny' ? null : values.defaultRole,
    enforcesMfa: values.enforcesMfa,
    enabled: values.enabled,
  };
}
