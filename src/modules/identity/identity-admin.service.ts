import { type Scope, type ServiceDeps, systemActor } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Principal } from '../../platform/http/access.ts';
import { newId } from '../../platform/ids.ts';
import * as audit from '../audit/index.ts';
import { assignableRoles, permissionsOf, type Role } from './identity.roles.ts';
import type { CreateTokenInput, CreateUserInput, UpdateUserInput, UserView } from './identity.schema.ts';
import { type Identity, presentUser } from './identity.service.ts';
import * as store from './identity.store.ts';
import { apiTokenPrefix, randomToken, tokenHash } from './identity.tokens.ts';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

function auditEntry(
  deps: ServiceDeps,
  scope: Scope,
  action: string,
  resourceType: string,
  resourceId: string,
  input: object,
) {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType,
    resourceId,
    occurredAt: deps.clock.now().toISOString(),
    changedFields: audit.fieldNames(input),
  };
}

export async function me(deps: ServiceDeps, principal: UserPrincipal) {
  const user = await store.findUserById(deps.db, principal.userId);
  const dso = await deps.db
    .selectFrom('dsos')
    .select(['id', 'name'])
    .where('id', '=', principal.dsoId)
    .executeTakeFirst();
  const session = await deps.db
    .selectFrom('sessions')
    .select('expiresAt')
    .where('id', '=', principal.sessionId)
    .executeTakeFirst();
  if (!user || !dso || !session) throw new AppError('AUTH_REQUIRED', 'Sign in again.');
  const practices = await store.practiceIdsOfUsers(deps.db, [user.id]);
  return {
    user: presentUser(user, practices.get(user.id) ?? []),
    dso,
    csrfToken: principal.csrfToken,
    permissions: permissionsOf(principal.role as Role),
    assignableRoles: [...assignableRoles(principal.role as Role)],
    session: {
      mfaPassed: principal.mfaPassed,
      mfaRequired: principal.mfaRequired,
      expiresAt: session.expiresAt,
    },
  };
}

export async function listUsers(deps: ServiceDeps, scope: Scope): Promise<UserView[]> {
  const rows = await store.listUserRows(deps.db, scope.dsoId);
  const practices = await store.practiceIdsOfUsers(
    deps.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => presentUser(row, practices.get(row.id) ?? []));
}

export async function getUser(deps: ServiceDeps, scope: Scope, id: string): Promise<UserView> {
  const row = await store.findUser(deps.db, scope.dsoId, id);
  if (!row) throw notFound('User', id);
  const practices = await store.practiceIdsOfUsers(deps.db, [id]);
  return presentUser(row, practices.get(id) ?? []);
}

function assertAssignable(actor: UserPrincipal, role: Role): void {
  if (!assignableRoles(actor.role as Role).includes(role)) {
    throw new AppError('AUTH_FORBIDDEN', `Your role cannot give the role ${role}.`, [
      { path: ['body', 'role'], code: 'not_assignable', message: `Your role cannot give the role ${role}.` },
    ]);
  }
}

async function assertPractices(deps: ServiceDeps, scope: Scope, ids: readonly string[]): Promise<void> {
  const found = await store.existingPracticeIds(deps.db, scope.dsoId, ids);
  const issues = ids.flatMap((id, index) =>
    found.has(id)
      ? []
      : [
          {
            path: ['body', 'practiceIds', index],
            code: 'not_found',
            message: `Practice "${id}" was not found.`,
          },
        ],
  );
  if (issues.length > 0)
    throw new AppError('VALIDATION_FAILED', `practiceIds: ${issues[0]?.message}`, issues);
}

function assertRoleShape(
  role: Role,
  practiceIds: readonly string[],
  expiresAt: string | null | undefined,
): void {
  if (role === 'practice_manager' && practiceIds.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'A practice manager needs at least one practice.', [
      {
        path: ['body', 'practiceIds'],
        code: 'required',
        message: 'A practice manager needs at least one practice.',
      },
    ]);
  }
  if (role === 'auditor' && !expiresAt) {
    throw new AppError('VALIDATION_FAILED', 'An auditor account needs an expiry date.', [
      { path: ['body', 'expiresAt'], code: 'required', message: 'An auditor account needs an expiry date.' },
    ]);
  }
}

/** Creates an account without a password and answers a one-time setup link (7 days) to hand over. */
export async function createUser(
  deps: ServiceDeps,
  identity: Identity,
  scope: Scope,
  actor: UserPrincipal,
  input: CreateUserInput,
) {
  assertAssignable(actor, input.role);
  const practiceIds = input.practiceIds ?? [];
  assertRoleShape(input.role, practiceIds, input.expiresAt);
  await assertPractices(deps, scope, practiceIds);
  const at = deps.clock.now().toISOString();
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await store.insertUser(trx, {
        id,
        dsoId: scope.dsoId,
        personId: null,
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        status: 'active',
        passwordHash: null,
        passwordChangedAt: null,
        mfaSecret: null,
        mfaEnabledAt: null,
        mfaLastStep: null,
        recoveryCodes: '[]',
        expiresAt: input.expiresAt ?? null,
        lastSignInAt: null,
        createdAt: at,
        updatedAt: at,
      });
      await store.replaceUserPractices(trx, scope.dsoId, id, practiceIds);
      await audit.record(trx, auditEntry(deps, scope, 'users.create', 'user', id, input));
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('CONFLICT', `An account for "${input.email}" already exists.`, [
      {
        path: ['body', 'email'],
        code: 'duplicate',
        message: `An account for "${input.email}" already exists.`,
      },
    ]);
  }
  return { user: await getUser(deps, scope, id), setupLink: await identity.createSetupLink(id, 7) };
}

/** Role, practices, status and expiry; disabling ends every session at once (164.308(a)(3)(ii)(C)). */
export async function updateUser(
  deps: ServiceDeps,
  scope: Scope,
  actor: UserPrincipal,
  id: string,
  input: UpdateUserInput,
): Promise<UserView> {
  const current = await getUser(deps, scope, id);
  assertAssignable(actor, current.role);
  if (input.role) assertAssignable(actor, input.role);
  if (id === actor.userId && (input.role || input.status === 'disabled')) {
    throw new AppError('CONFLICT', 'You cannot change your own role or disable your own account.');
  }
  const role = input.role ?? current.role;
  const practiceIds = input.practiceIds ?? current.practiceIds;
  assertRoleShape(role, practiceIds, input.expiresAt === undefined ? current.expiresAt : input.expiresAt);
  if (input.practiceIds) await assertPractices(deps, scope, input.practiceIds);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await store.updateUserRow(trx, id, {
      ...(input.displayName ? { displayName: input.displayName } : {}),
      ...(input.role ? { role: input.role } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
      updatedAt: at,
    });
    if (input.practiceIds) await store.replaceUserPractices(trx, scope.dsoId, id, input.practiceIds);
    if (input.status === 'disabled' || input.role) await store.revokeSessions(trx, id, at);
    await audit.record(trx, auditEntry(deps, scope, 'users.update', 'user', id, input));
  });
  return getUser(deps, scope, id);
}

function presentToken(row: NonNullable<Awaited<ReturnType<typeof store.findApiTokenByHash>>>) {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as string[],
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export async function listTokens(deps: ServiceDeps, scope: Scope) {
  return (await store.listApiTokenRows(deps.db, scope.dsoId)).map(presentToken);
}

/** The secret is answered once and stored only as its hash. */
export async function createToken(
  deps: ServiceDeps,
  scope: Scope,
  actor: UserPrincipal,
  input: CreateTokenInput,
) {
  const secret = `${apiTokenPrefix}${randomToken()}`;
  const now = deps.clock.now();
  const row = {
    id: newId(),
    dsoId: scope.dsoId,
    name: input.name,
    tokenHash: tokenHash(secret),
    scopes: JSON.stringify(input.scopes),
    createdBy: actor.userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await store.insertApiToken(trx, row);
    await audit.record(trx, auditEntry(deps, scope, 'tokens.create', 'apiToken', row.id, input));
  });
  return { token: presentToken(row), secret };
}

export async function revokeToken(deps: ServiceDeps, scope: Scope, id: string): Promise<void> {
  const updated = await store.updateApiTokenRow(deps.db, scope.dsoId, id, {
    revokedAt: deps.clock.now().toISOString(),
  });
  if (updated === 0) throw notFound('API token', id);
}
