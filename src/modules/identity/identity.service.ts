import type { Actor, ServiceDeps } from '../../platform/context.ts';
import { registerEncryptedColumn, type SecretBox } from '../../platform/crypto/index.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { Authenticator, Permission, Principal } from '../../platform/http/access.ts';
import { newId } from '../../platform/ids.ts';
import * as audit from '../audit/index.ts';
import {
  acceptedTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpEnrolment,
} from './identity.mfa.ts';
import { hashPassword, passwordProblem, verifyPassword } from './identity.passwords.ts';
import { type Role, requiresMfa, roleAllows } from './identity.roles.ts';
import type { SetupInput, UserView } from './identity.schema.ts';
import * as store from './identity.store.ts';
import { apiTokenPrefix, randomToken, tokenHash } from './identity.tokens.ts';

/** Where a request comes from, for sessions and sign-in throttling. */
export interface ClientInfo {
  readonly ip: string;
  readonly userAgent: string | undefined;
}

export interface IdentitySettings {
  readonly idleMinutes: number;
  readonly maxHours: number;
  readonly publicUrl: string;
}

export function identitySettings(config: {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  publicUrl: string;
}): IdentitySettings {
  return {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
    publicUrl: config.publicUrl,
  };
}

export const sessionCookie = 'enamel_session';
/** TOTP seeds are secrets at rest (docs/encryption.md): encrypted, bound to their user row. */
const mfaSecretColumn = registerEncryptedColumn({ table: 'users', column: 'mfaSecret' });
const minute = 60_000;
/** A session's last-seen time is written at most this often, to keep reads off the write path. */
const touchEveryMs = minute;

type UserRow = NonNullable<Awaited<ReturnType<typeof store.findUserById>>>;

export function presentUser(row: UserRow, practiceIds: readonly string[]): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role as Role,
    status: row.status as UserView['status'],
    practiceIds: [...practiceIds],
    mfaEnabled: row.mfaEnabledAt !== null,
    expiresAt: row.expiresAt,
    lastSignInAt: row.lastSignInAt,
    createdAt: row.createdAt,
  };
}

export function assertPassword(password: string, context: readonly string[], field = 'password'): void {
  const problem = passwordProblem(password, context);
  if (problem) {
    throw new AppError('PASSWORD_REJECTED', `The password ${problem}.`, [
      { path: ['body', field], code: 'password_rejected', message: `The password ${problem}.` },
    ]);
  }
}

/** Sign-in back-off: after 5 failures an account (20 for an address) locks, doubling from 30 s up to 15 min. */
function lockFor(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(30_000 * 2 ** (failures - threshold), 15 * minute);
}

export function createIdentity(deps: ServiceDeps, settings: IdentitySettings, secrets: SecretBox) {
  const now = () => deps.clock.now();

  /** Account events go to the user's DSO chain; attempts on unknown accounts to the platform chain. */
  async function trail(
    user: { id: string; dsoId: string; email: string } | null,
    client: ClientInfo | null,
    action: string,
    outcome: 'allowed' | 'denied' | 'failed' = 'allowed',
  ): Promise<void> {
    const actor: Actor = {
      type: 'user',
      id: user?.id ?? null,
      label: user?.email ?? 'unknown account',
      ip: client?.ip ?? null,
      userAgent: client?.userAgent?.slice(0, 300) ?? null,
    };
    await audit.record(deps.db, {
      dsoId: user?.dsoId ?? null,
      actor,
      action,
      resourceType: 'user',
      resourceId: user?.id ?? null,
      occurredAt: now().toISOString(),
      outcome,
      changedFields: [],
    });
  }

  async function throttleCheck(keys: readonly string[]): Promise<void> {
    const at = now().toISOString();
    for (const key of keys) {
      const row = await store.findThrottle(deps.db, key);
      if (row?.lockedUntil && row.lockedUntil > at) {
        const seconds = Math.ceil((Date.parse(row.lockedUntil) - now().getTime()) / 1000);
        throw new AppError('AUTH_LOCKED', `Too many failed sign-ins: try again in ${seconds} s.`);
      }
    }
  }

  async function throttleFailure(key: string, threshold: number): Promise<void> {
    const row = await store.findThrottle(deps.db, key);
    const failures = (row?.failures ?? 0) + 1;
    const lock = lockFor(failures, threshold);
    const at = now();
    await store.saveThrottle(
      deps.db,
      key,
      failures,
      lock ? new Date(at.getTime() + lock).toISOString() : null,
      at.toISOString(),
    );
  }

  async function openSession(user: UserRow, method: string, mfaPassed: boolean, client: ClientInfo | null) {
    const token = randomToken();
    const at = now();
    const row = {
      id: tokenHash(token),
      userId: user.id,
      dsoId: user.dsoId,
      csrfToken: randomToken(),
      mfaPassed: mfaPassed ? 1 : 0,
      method,
      ip: client?.ip ?? null,
      userAgent: client?.userAgent?.slice(0, 300) ?? null,
      createdAt: at.toISOString(),
      lastSeenAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + settings.maxHours * 60 * minute).toISOString(),
      revokedAt: null,
    };
    await store.insertSession(deps.db, row);
    await store.updateUserRow(deps.db, user.id, { lastSignInAt: row.createdAt });
    return { token, session: row };
  }

  function mfaState(user: UserRow, mfaPassed: boolean) {
    if (!requiresMfa(user.role as Role)) return 'not_required' as const;
    if (mfaPassed) return 'passed' as const;
    return user.mfaEnabledAt ? ('challenge' as const) : ('enrol' as const);
  }

  async function userView(user: UserRow): Promise<UserView> {
    const practices = await store.practiceIdsOfUsers(deps.db, [user.id]);
    return presentUser(user, practices.get(user.id) ?? []);
  }

  async function authenticateSession(token: string): Promise<Principal | null> {
    const row = await store.findSessionWithUser(deps.db, tokenHash(token));
    if (!row || row.revokedAt !== null || row.status !== 'active') return null;
    const at = now();
    const iso = at.toISOString();
    if (row.expiresAt <= iso) return null;
    if (at.getTime() - Date.parse(row.lastSeenAt) >= settings.idleMinutes * minute) return null;
    if (row.userExpiresAt !== null && row.userExpiresAt <= iso) return null;
    if (at.getTime() - Date.parse(row.lastSeenAt) >= touchEveryMs)
      await store.touchSession(deps.db, row.id, iso);
    const role = row.role as Role;
    const practiceIds =
      role === 'practice_manager'
        ? ((await store.practiceIdsOfUsers(deps.db, [row.userId])).get(row.userId) ?? [])
        : null;
    return {
      kind: 'user',
      userId: row.userId,
      dsoId: row.dsoId,
      role,
      practiceIds,
      sessionId: row.id,
      csrfToken: row.csrfToken,
      mfaPassed: row.mfaPassed === 1,
      mfaRequired: requiresMfa(role),
      label: row.email,
    };
  }

  async function authenticateToken(secret: string): Promise<Principal | null> {
    const row = await store.findApiTokenByHash(deps.db, tokenHash(secret));
    const at = now().toISOString();
    if (!row || row.revokedAt !== null || row.expiresAt <= at) return null;
    if (!row.lastUsedAt || Date.parse(at) - Date.parse(row.lastUsedAt) >= touchEveryMs) {
      await store.updateApiTokenRow(deps.db, row.dsoId, row.id, { lastUsedAt: at });
    }
    return {
      kind: 'token',
      tokenId: row.id,
      dsoId: row.dsoId,
      scopes: JSON.parse(row.scopes) as string[],
      label: `token ${row.name}`,
    };
  }

  const authenticator: Authenticator = {
    async authenticate({ bearer, cookies }) {
      if (bearer !== null) return bearer.startsWith(apiTokenPrefix) ? authenticateToken(bearer) : null;
      const cookie = cookies[sessionCookie];
      return cookie ? authenticateSession(cookie) : null;
    },
    allows(principal: Principal, permission: Permission) {
      if (permission === 'self') return principal.kind === 'user';
      if (principal.kind === 'token') return principal.scopes.includes(permission);
      return roleAllows(principal.role as Role, permission);
    },
  };

  return {
    authenticator,
    settings,
    openSession,
    userView,

    async setupNeeded(): Promise<boolean> {
      return (await store.countAdmins(deps.db)) === 0;
    },

    /** First run: creates the DSO and its administrator; closed once any administrator exists. */
    async createFirstAdmin(
      input: Omit<SetupInput, 'password'> & { password: string | null },
      options: { anotherDso?: boolean; existingDsoId?: string } = {},
    ) {
      const existing = options.existingDsoId;
      if (existing !== undefined) {
        const found = await deps.db
          .selectFrom('dsos')
          .select('id')
          .where('id', '=', existing)
          .executeTakeFirst();
        if (!found) throw new AppError('NOT_FOUND', `DSO "${existing}" was not found.`);
      }
      if (existing === undefined && !options.anotherDso && (await store.countAdmins(deps.db)) > 0) {
        throw new AppError(
          'SETUP_DONE',
          'Setup is closed: an administrator already exists. Sign in instead.',
        );
      }
      if (input.password !== null) assertPassword(input.password, [input.email, input.displayName]);
      const at = now().toISOString();
      const dsoId = existing ?? newId();
      const user: UserRow = {
        id: newId(),
        dsoId,
        personId: null,
        email: input.email,
        displayName: input.displayName,
        role: 'dso_admin',
        status: 'active',
        passwordHash: input.password === null ? null : await hashPassword(input.password),
        passwordChangedAt: input.password === null ? null : at,
        mfaSecret: null,
        mfaEnabledAt: null,
        mfaLastStep: null,
        recoveryCodes: '[]',
        expiresAt: null,
        lastSignInAt: null,
        createdAt: at,
        updatedAt: at,
      };
      await deps.db.transaction().execute(async (trx) => {
        // An administrator for an existing DSO (such as a demo DSO) joins it; otherwise the DSO is new.
        if (existing === undefined)
          await trx
            .insertInto('dsos')
            .values({
              id: dsoId,
              name: input.dsoName,
              legalName: null,
              domains: '[]',
              hqAddress: null,
              settings: '{}',
              createdAt: at,
              updatedAt: at,
            })
            .execute();
        await store.insertUser(trx, user);
      });
      return user;
    },

    async signIn(input: { email: string; password: string }, client: ClientInfo) {
      const email = input.email.trim().toLowerCase();
      const keys = [`account:${email}`, `ip:${client.ip}`];
      await throttleCheck(keys);
      const user = await store.findUserByEmail(deps.db, email);
      const usable =
        user && user.status === 'active' && (!user.expiresAt || user.expiresAt > now().toISOString());
      const matches = await verifyPassword(usable ? user.passwordHash : null, input.password);
      if (!usable || !matches) {
        await throttleFailure(keys[0] as string, 5);
        await throttleFailure(keys[1] as string, 20);
        await trail(user ?? null, client, 'auth.signIn', 'failed');
        throw new AppError('AUTH_INVALID_CREDENTIALS', 'The email or password is not right.');
      }
      await store.clearThrottle(deps.db, keys[0] as string);
      await trail(user, client, 'auth.signIn');
      const { token, session } = await openSession(user, 'password', !requiresMfa(user.role as Role), client);
      return { token, session, user: await userView(user), mfa: mfaState(user, session.mfaPassed === 1) };
    },

    async signOut(sessionId: string, userId: string): Promise<void> {
      await store.updateSessionRow(deps.db, sessionId, { revokedAt: now().toISOString() });
      const user = await store.findUserById(deps.db, userId);
      if (user) await trail(user, null, 'auth.signOut');
    },

    async signOutEverywhere(userId: string): Promise<number> {
      const ended = await store.revokeSessions(deps.db, userId, now().toISOString());
      const user = await store.findUserById(deps.db, userId);
      if (user) await trail(user, null, 'auth.signOutEverywhere');
      return ended;
    },

    async listSessions(userId: string, currentId: string) {
      const rows = await store.listSessionRows(deps.db, userId, now().toISOString());
      return rows.map((row) => ({
        id: row.id.slice(0, 16),
        method: row.method,
        ip: row.ip,
        userAgent: row.userAgent,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
        current: row.id === currentId,
      }));
    },

    /** Ends one of the caller's own sessions, named by the short id the list shows. */
    async revokeOwnSession(userId: string, shortId: string): Promise<void> {
      const rows = await store.listSessionRows(deps.db, userId, now().toISOString());
      const row = rows.find((candidate) => candidate.id.startsWith(shortId) && shortId.length >= 16);
      if (!row) throw new AppError('NOT_FOUND', `Session "${shortId}" was not found.`);
      await store.updateSessionRow(deps.db, row.id, { revokedAt: now().toISOString() });
    },

    /** Changing the password ends every other session (HIPAA termination and compromise procedures). */
    async changePassword(userId: string, sessionId: string, current: string, next: string): Promise<void> {
      const user = await store.findUserById(deps.db, userId);
      if (!user || !(await verifyPassword(user.passwordHash, current))) {
        throw new AppError('AUTH_INVALID_CREDENTIALS', 'The current password is not right.', [
          {
            path: ['body', 'currentPassword'],
            code: 'wrong_password',
            message: 'The current password is not right.',
          },
        ]);
      }
      assertPassword(next, [user.email, user.displayName], 'newPassword');
      const at = now().toISOString();
      await store.updateUserRow(deps.db, userId, {
        passwordHash: await hashPassword(next),
        passwordChangedAt: at,
        updatedAt: at,
      });
      await store.revokeSessions(deps.db, userId, at, sessionId);
      await trail(user, null, 'auth.changePassword');
    },

    /** Sets the password from a one-time setup link, and signs in. */
    async acceptSetupLink(token: string, password: string, client: ClientInfo) {
      const at = now().toISOString();
      const used = await store.consumeOneTimeToken(deps.db, tokenHash(token), 'setup', at);
      if (!used)
        throw new AppError(
          'AUTH_LINK_INVALID',
          'This setup link is unknown, was already used, or has expired.',
        );
      const user = await store.findUserById(deps.db, used.userId);
      if (user?.status !== 'active') {
        throw new AppError('AUTH_LINK_INVALID', 'This setup link no longer applies.');
      }
      assertPassword(password, [user.email, user.displayName]);
      await store.updateUserRow(deps.db, user.id, {
        passwordHash: await hashPassword(password),
        passwordChangedAt: at,
        updatedAt: at,
      });
      const { token: sessionToken, session } = await openSession(
        user,
        'setup-link',
        !requiresMfa(user.role as Role),
        client,
      );
      return {
        token: sessionToken,
        session,
        user: await userView(user),
        mfa: mfaState(user, session.mfaPassed === 1),
      };
    },

    async createSetupLink(userId: string, days: number): Promise<string> {
      const token = randomToken();
      const at = now();
      await store.insertOneTimeToken(deps.db, {
        id: tokenHash(token),
        kind: 'setup',
        userId,
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + days * 24 * 60 * minute).toISOString(),
      });
      return `${settings.publicUrl}/setup-link#${token}`;
    },

    async beginMfaEnrolment(userId: string) {
      const user = await store.findUserById(deps.db, userId);
      if (!user) throw new AppError('AUTH_REQUIRED', 'Sign in first.');
      if (user.mfaEnabledAt)
        throw new AppError('CONFLICT', 'Multi-factor authentication is already set up for this account.');
      const secret = newTotpSecret();
      const sealed = await secrets.encrypt(secret, mfaSecretColumn.aad({ id: userId }));
      await store.updateUserRow(deps.db, userId, { mfaSecret: sealed, updatedAt: now().toISOString() });
      return totpEnrolment(secret, user.email);
    },

    async confirmMfaEnrolment(userId: string, sessionId: string, code: string) {
      const user = await store.findUserById(deps.db, userId);
      if (!user?.mfaSecret || user.mfaEnabledAt) throw new AppError('CONFLICT', 'Start the enrolment first.');
      const seed = await secrets.decrypt(user.mfaSecret, mfaSecretColumn.aad({ id: userId }));
      const step = await acceptedTotpStep(seed, code, now(), user.mfaLastStep);
      if (step === null || !(await store.claimTotpStep(deps.db, userId, step))) {
        throw new AppError(
          'AUTH_MFA_INVALID',
          'That code is not right: check the time on your phone and try the next code.',
        );
      }
      const { codes, hashes } = newRecoveryCodes();
      const at = now().toISOString();
      await store.updateUserRow(deps.db, userId, {
        mfaEnabledAt: at,
        recoveryCodes: JSON.stringify(hashes),
        updatedAt: at,
      });
      await store.updateSessionRow(deps.db, sessionId, { mfaPassed: 1 });
      await trail(user, null, 'auth.mfaEnrol');
      return codes;
    },

    /** The MFA challenge after a password: a TOTP code, or one of the recovery codes (each works once). */
    async verifyMfa(userId: string, sessionId: string, code: string): Promise<void> {
      const user = await store.findUserById(deps.db, userId);
      if (!user?.mfaSecret || !user.mfaEnabledAt)
        throw new AppError('CONFLICT', 'Set up multi-factor authentication first.');
      await throttleCheck([`mfa:${userId}`]);
      const seed = await secrets.decrypt(user.mfaSecret, mfaSecretColumn.aad({ id: userId }));
      const step = await acceptedTotpStep(seed, code, now(), user.mfaLastStep);
      if (step !== null && (await store.claimTotpStep(deps.db, userId, step))) {
        await store.clearThrottle(deps.db, `mfa:${userId}`);
        await store.updateSessionRow(deps.db, sessionId, { mfaPassed: 1 });
        return;
      }
      const hashes = JSON.parse(user.recoveryCodes) as string[];
      const hash = recoveryCodeHash(code);
      if (hashes.includes(hash)) {
        await store.updateUserRow(deps.db, userId, {
          recoveryCodes: JSON.stringify(hashes.filter((h) => h !== hash)),
        });
        await store.updateSessionRow(deps.db, sessionId, { mfaPassed: 1 });
        return;
      }
      await throttleFailure(`mfa:${userId}`, 5);
      await trail(user, null, 'auth.mfaVerify', 'failed');
      throw new AppError('AUTH_MFA_INVALID', 'That code is not right.');
    },

    isUniqueViolation,
  };
}

export type Identity = ReturnType<typeof createIdentity>;
