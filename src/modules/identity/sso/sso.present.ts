import type { SsoProviderTable } from '../../../platform/db/schema.ts';
import type { ProviderKind, ProviderView, RoleMapping } from './sso.schema.ts';

/** The path of a provider's callback; the redirect URI to register is the public URL followed by it. */
export function callbackPath(providerId: string): string {
  return `/api/v1/auth/sso/${providerId}/callback`;
}

/** A provider as the API shows it: never the client secret, not even encrypted. */
export function presentProvider(row: SsoProviderTable, publicUrl: string): ProviderView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ProviderKind,
    issuerUrl: row.issuerUrl,
    clientId: row.clientId,
    allowedDomains: JSON.parse(row.allowedDomains) as string[],
    groupClaim: row.groupClaim,
    roleMappings: JSON.parse(row.roleMappings) as RoleMapping[],
    defaultRole: row.defaultRole as ProviderView['defaultRole'],
    enforcesMfa: row.enforcesMfa === 1,
    enabled: row.enabled === 1,
    redirectUri: `${publicUrl}${callbackPath(row.id)}`,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
