import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { registerEncryptedColumn, type SecretBox } from '../../../platform/crypto/index.ts';
import { isUniqueViolation } from '../../../platform/db/index.ts';
import type { SsoProviderTable } from '../../../platform/db/schema.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { presentProvider } from './sso.present.ts';
import {
  type CreateProviderInput,
  defaultEnforcesMfa,
  type ProviderView,
  type UpdateProviderInput,
} from './sso.schema.ts';
import * as store from './sso.store.ts';

/** Client secrets are secrets at rest (docs/encryption.md): encrypted, bound to their provider row. */
export const clientSecretColumn = registerEncryptedColumn({ table: 'ssoProviders', column: 'clientSecret' });

function duplicateName(name: string): AppError {
  return new AppError('CONFLICT', `A single sign-on provider named "${name}" already exists.`, [
    { path: ['body', 'name'], code: 'duplicate', message: 'is taken by another provider' },
  ]);
}

/** The stored columns an input sets (JSON lists as text, flags as 0/1); the secret is sealed by the caller. */
function columnsOf(input: UpdateProviderInput): Partial<SsoProviderTable> {
  const columns: Partial<SsoProviderTable> = {};
  for (const key of ['name', 'kind', 'issuerUrl', 'clientId', 'groupClaim'] as const) {
    const value = input[key];
    if (value !== undefined) columns[key] = value;
  }
  if (input.defaultRole !== undefined) columns.defaultRole = input.defaultRole;
  if (input.allowedDomains !== undefined) columns.allowedDomains = JSON.stringify(input.allowedDomains);
  if (input.roleMappings !== undefined) columns.roleMappings = JSON.stringify(input.roleMappings);
  if (input.enforcesMfa !== undefined) columns.enforcesMfa = input.enforcesMfa ? 1 : 0;
  if (input.enabled !== undefined) columns.enabled = input.enabled ? 1 : 0;
  return columns;
}

/** Managing a DSO's single sign-on providers (dso_admin writes; security and IT officers read). */
export function createSsoAdmin(deps: ServiceDeps, secrets: SecretBox, publicUrl: string) {
  const now = () => deps.clock.now().toISOString();
  const trail = (scope: Scope, action: string, id: string, input: object) =>
    audit.record(deps.db, {
      dsoId: scope.dsoId,
      actor: scope.actor ?? systemActor,
      action,
      resourceType: 'ssoProvider',
      resourceId: id,
      occurredAt: now(),
      changedFields: audit.fieldNames(input),
    });

  return {
    async list(scope: Scope): Promise<ProviderView[]> {
      const rows = await store.listProviderRows(deps.db, scope.dsoId);
      return rows.map((row) => presentProvider(row, publicUrl));
    },

    async create(scope: Scope, input: CreateProviderInput): Promise<ProviderView> {
      const id = newId();
      const at = now();
      const row: SsoProviderTable = {
        id,
        dsoId: scope.dsoId,
        name: input.name,
        kind: input.kind,
        issuerUrl: input.issuerUrl,
        clientId: input.clientId,
        clientSecret: await secrets.encrypt(input.clientSecret, clientSecretColumn.aad({ id })),
        allowedDomains: JSON.stringify(input.allowedDomains),
        groupClaim: input.groupClaim,
        roleMappings: JSON.stringify(input.roleMappings),
        defaultRole: input.defaultRole,
        enforcesMfa: (input.enforcesMfa ?? defaultEnforcesMfa(input.kind)) ? 1 : 0,
        enabled: input.enabled ? 1 : 0,
        createdAt: at,
        updatedAt: at,
      };
      try {
        await store.insertProvider(deps.db, row);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName(input.name);
        throw error;
      }
      await trail(scope, 'ssoProviders.create', id, input);
      return presentProvider(row, publicUrl);
    },

    async update(scope: Scope, id: string, input: UpdateProviderInput): Promise<ProviderView> {
      const existing = await store.findProvider(deps.db, scope.dsoId, id);
      if (!existing) throw notFound('Single sign-on provider', id);
      const changes: Partial<SsoProviderTable> = { ...columnsOf(input), updatedAt: now() };
      if (input.clientSecret !== undefined) {
        changes.clientSecret = await secrets.encrypt(input.clientSecret, clientSecretColumn.aad({ id }));
      }
      try {
        await store.updateProviderRow(deps.db, scope.dsoId, id, changes);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateName(input.name ?? existing.name);
        throw error;
      }
      await trail(scope, 'ssoProviders.update', id, input);
      return presentProvider({ ...existing, ...changes }, publicUrl);
    },

    /** Deleting a provider ends its sign-ins; the accounts it created stay (their sessions and roles too). */
    async remove(scope: Scope, id: string): Promise<void> {
      const deleted = await store.deleteProviderRow(deps.db, scope.dsoId, id);
      if (deleted === 0) throw notFound('Single sign-on provider', id);
      await trail(scope, 'ssoProviders.delete', id, {});
    },
  };
}

export type SsoAdmin = ReturnType<typeof createSsoAdmin>;
