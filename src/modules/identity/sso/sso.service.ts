import type { Actor, ServiceDeps } from '../../../platform/context.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import { isUniqueViolation } from '../../../platform/db/index.ts';
import type { SsoProviderTable, UserTable } from '../../../platform/db/schema.ts';
import { AppError, type ErrorCode } from '../../../platform/errors.ts';
import { isUuid, newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { type Role, requiresMfa } from '../identity.roles.ts';
import type { ClientInfo, Identity } from '../identity.service.ts';
import * as users from '../identity.store.ts';
import { randomToken, tokenHash } from '../identity.tokens.ts';
import { createOidc, type OidcProvider, ProviderFailure } from './sso.oidc.ts';
import { callbackPath } from './sso.present.ts';
import { admit, type ProviderRules } from './sso.rules.ts';
import type { ProviderKind, RoleMapping, SignInOptionView } from './sso.schema.ts';
import * as store from './sso.store.ts';
import { clientSecretColumn } from './sso-admin.service.ts';

/** How long a started sign-in may take at the provider (login, MFA, consent). */
export const flowMinutes = 10;

type SsoCode = Extract<ErrorCode, `SSO_${string}`>;

const messages: Record<SsoCode, string> = {
  SSO_PROVIDER_UNAVAILABLE: 'This single sign-on provider does not exist or is turned off.',
  SSO_STATE_INVALID: 'This sign-in was not started in this browser, or took too long: start again.',
  SSO_PROVIDER_ERROR: 'The identity provider did not complete the sign-in.',
  SSO_EMAIL_UNVERIFIED: 'The identity provider gave no verified email address.',
  SSO_DOMAIN_NOT_ALLOWED: 'Accounts of this email domain cannot sign in with this provider.',
  SSO_NO_ROLE: 'None of your groups gives access to Enamel.',
  SSO_ACCOUNT_DISABLED: 'Your Enamel account is disabled or has expired.',
  SSO_ACCOUNT_CONFLICT: 'This email belongs to another Enamel account: ask your administrator.',
};

function refusal(code: SsoCode): AppError {
  return new AppError(code, messages[code]);
}

/** `SSO_DOMAIN_NOT_ALLOWED` -> `domainNotAllowed`, for audit action names. */
function reasonName(code: SsoCode): string {
  return code
    .slice(4)
    .toLowerCase()
    .replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

type UserRow = UserTable;

function rulesOf(row: SsoProviderTable): ProviderRules & OidcProvider {
  return {
    id: row.id,
    kind: row.kind as ProviderKind,
    issuerUrl: row.issuerUrl,
    clientId: row.clientId,
    updatedAt: row.updatedAt,
    allowedDomains: JSON.parse(row.allowedDomains) as string[],
    groupClaim: row.groupClaim,
    roleMappings: JSON.parse(row.roleMappings) as RoleMapping[],
    defaultRole: row.defaultRole as RoleMapping['role'] | null,
  };
}

/** Sign-in with a DSO's OpenID Connect provider: start, callback, just-in-time accounts (docs/sso.md). */
export function createSso(deps: ServiceDeps, identity: Identity, secrets: SecretBox) {
  const oidc = createOidc(deps.clock);
  const now = () => deps.clock.now().toISOString();
  const redirectUri = (id: string) => `${identity.settings.publicUrl}${callbackPath(id)}`;
  const secretOf = (row: SsoProviderTable) => () =>
    secrets.decrypt(row.clientSecret, clientSecretColumn.aad({ id: row.id }));

  async function trail(
    provider: SsoProviderTable | undefined,
    client: ClientInfo,
    who: { email: string | null; user: UserRow | null },
    refused: SsoCode | null,
    changedFields: readonly string[] = [],
  ): Promise<void> {
    const actor: Actor = {
      type: 'user',
      id: who.user?.id ?? null,
      label: who.email ?? 'unknown account',
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    };
    const policy = refused !== null && refused !== 'SSO_STATE_INVALID' && refused !== 'SSO_PROVIDER_ERROR';
    await audit.record(deps.db, {
      dsoId: provider?.dsoId ?? null,
      actor,
      action: refused === null ? 'auth.ssoSignIn' : `auth.ssoSignIn.${reasonName(refused)}`,
      resourceType: who.user ? 'user' : 'ssoProvider',
      resourceId: who.user?.id ?? provider?.id ?? null,
      occurredAt: now(),
      outcome: refused === null ? 'allowed' : policy ? 'denied' : 'failed',
      changedFields,
    });
  }

  async function enabledProvider(id: string, client: ClientInfo): Promise<SsoProviderTable> {
    const row = isUuid(id) ? await store.findProviderById(deps.db, id) : undefined;
    if (row?.enabled === 1) return row;
    await trail(row, client, { email: null, user: null }, 'SSO_PROVIDER_UNAVAILABLE');
    throw refusal('SSO_PROVIDER_UNAVAILABLE');
  }

  /** Refuses, after writing the refusal to the trail; provider failures are logged without any token. */
  async function refuse(
    provider: SsoProviderTable,
    client: ClientInfo,
    code: SsoCode,
    who: { email: string | null; user: UserRow | null } = { email: null, user: null },
  ): Promise<never> {
    await trail(provider, client, who, code);
    throw refusal(code);
  }

  /** The account of this provider subject: bound before, or found by email and bound now, or created. */
  async function accountFor(
    provider: SsoProviderTable,
    subject: string,
    email: string,
    role: Role,
    displayName: string,
  ): Promise<{ user: UserRow; managesRole: boolean } | SsoCode> {
    const bound = await store.findIdentity(deps.db, provider.id, subject);
    const boundUser = bound ? await users.findUserById(deps.db, bound.userId) : undefined;
    if (bound && boundUser) return { user: boundUser, managesRole: bound.managesRole === 1 };
    const at = now();
    const existing = await users.findUserByEmail(deps.db, email);
    if (existing) {
      if (existing.dsoId !== provider.dsoId) return 'SSO_ACCOUNT_CONFLICT';
      if (await store.findIdentityOfUser(deps.db, provider.id, existing.id)) return 'SSO_ACCOUNT_CONFLICT';
      // An account made by hand keeps the role its administrator gave it.
      await store.insertIdentity(deps.db, identityRow(provider, subject, existing.id, false, at));
      if (existing.personId === null) {
        const person = await store.findPersonIdByEmail(deps.db, provider.dsoId, email);
        if (person) await users.updateUserRow(deps.db, existing.id, { personId: person.id, updatedAt: at });
        return { user: { ...existing, personId: person?.id ?? null }, managesRole: false };
      }
      return { user: existing, managesRole: false };
    }
    const person = await store.findPersonIdByEmail(deps.db, provider.dsoId, email);
    const user = newUser(provider.dsoId, person?.id ?? null, email, displayName, role, at);
    try {
      await deps.db.transaction().execute(async (trx) => {
        await users.insertUser(trx, user);
        await store.insertIdentity(trx, identityRow(provider, subject, user.id, true, at));
      });
    } catch (error) {
      // Two first sign-ins of one person at once: the other one made the account.
      if (isUniqueViolation(error)) return 'SSO_ACCOUNT_CONFLICT';
      throw error;
    }
    return { user, managesRole: true };
  }

  return {
    /**
     * Enabled providers for the sign-in page. With an email, only those that allow its domain; without one,
     * only when the installation serves a single DSO, so one DSO's providers are never shown to another's staff.
     */
    async signInOptions(email: string | undefined): Promise<SignInOptionView[]> {
      const rows = await store.listEnabledProviderRows(deps.db);
      const domain = email?.includes('@') ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : null;
      if (domain === null) {
        const dsos = await deps.db.selectFrom('dsos').select('id').limit(2).execute();
        if (dsos.length !== 1) return [];
      }
      return rows
        .filter((row) => domain === null || (JSON.parse(row.allowedDomains) as string[]).includes(domain))
        .map((row) => ({ id: row.id, name: row.name, kind: row.kind as ProviderKind }));
    },

    /** Starts a sign-in: the provider URL to send the browser to, and the flow cookie that binds it. */
    async start(providerId: string, client: ClientInfo): Promise<{ url: string; flowToken: string }> {
      const provider = await enabledProvider(providerId, client);
      let started: Awaited<ReturnType<typeof oidc.authorizationUrl>>;
      try {
        started = await oidc.authorizationUrl(
          rulesOf(provider),
          secretOf(provider),
          redirectUri(provider.id),
        );
      } catch (error) {
        if (!(error instanceof ProviderFailure)) throw error;
        deps.log.warn(
          { provider: provider.id, reason: error.reason, detail: error.message },
          'sso start failed',
        );
        return refuse(provider, client, 'SSO_PROVIDER_ERROR');
      }
      const at = deps.clock.now();
      const flowToken = randomToken();
      await store.purgeExpiredLogins(deps.db, at.toISOString());
      await store.insertLogin(deps.db, {
        id: tokenHash(flowToken),
        providerId: provider.id,
        ...started.flow,
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + flowMinutes * 60_000).toISOString(),
      });
      return { url: started.url, flowToken };
    },

    /**
     * The provider's answer: checks the flow, redeems the code, admits the person, provisions or updates the
     * account, and opens a session. `query` is the raw query string of the callback.
     */
    async finish(providerId: string, flowToken: string | undefined, query: string, client: ClientInfo) {
      const provider = await enabledProvider(providerId, client);
      const callbackUrl = new URL(redirectUri(provider.id));
      callbackUrl.search = query;
      const flow = flowToken
        ? await store.takeLogin(deps.db, tokenHash(flowToken), provider.id, now())
        : undefined;
      if (!flow || callbackUrl.searchParams.get('state') !== flow.state) {
        return refuse(provider, client, 'SSO_STATE_INVALID');
      }
      let claims: Readonly<Record<string, unknown>>;
      try {
        claims = await oidc.signIn(rulesOf(provider), secretOf(provider), callbackUrl, flow);
      } catch (error) {
        if (!(error instanceof ProviderFailure)) throw error;
        deps.log.warn(
          { provider: provider.id, reason: error.reason, detail: error.message },
          'sso sign-in failed',
        );
        return refuse(provider, client, 'SSO_PROVIDER_ERROR');
      }
      const admission = admit(rulesOf(provider), claims);
      if (admission.kind === 'refused') {
        return refuse(provider, client, admission.reason, { email: admission.email, user: null });
      }
      const { email, role } = admission;
      const name =
        typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email.split('@')[0];
      const account = await accountFor(
        provider,
        String(claims.sub),
        email,
        role,
        (name ?? email).slice(0, 200),
      );
      if (typeof account === 'string') return refuse(provider, client, account, { email, user: null });
      let user = account.user;
      const at = now();
      if (user.status !== 'active' || (user.expiresAt !== null && user.expiresAt <= at)) {
        return refuse(provider, client, 'SSO_ACCOUNT_DISABLED', { email, user });
      }
      const roleChanged = account.managesRole && user.role !== role;
      if (roleChanged) {
        // As when an administrator changes a role: the sessions opened under the old role end.
        await users.updateUserRow(deps.db, user.id, { role, updatedAt: at });
        await users.revokeSessions(deps.db, user.id, at);
        user = { ...user, role, updatedAt: at };
      }
      await store.touchIdentity(deps.db, provider.id, String(claims.sub), at);
      await trail(provider, client, { email, user }, null, roleChanged ? ['role'] : []);
      const mfaPassed = provider.enforcesMfa === 1 || !requiresMfa(user.role as Role);
      const { token, session } = await identity.openSession(user, 'sso', mfaPassed, client);
      return { token, session, user };
    },
  };
}

function identityRow(
  provider: SsoProviderTable,
  subject: string,
  userId: string,
  manages: boolean,
  at: string,
) {
  return {
    providerId: provider.id,
    subject,
    userId,
    dsoId: provider.dsoId,
    managesRole: manages ? 1 : 0,
    createdAt: at,
    lastSignInAt: at,
  };
}

function newUser(
  dsoId: string,
  personId: string | null,
  email: string,
  displayName: string,
  role: Role,
  at: string,
): UserRow {
  return {
    id: newId(),
    dsoId,
    personId,
    email,
    displayName,
    role,
    status: 'active',
    // No password: the account signs in through its provider (an administrator may send a setup link).
    passwordHash: null,
    passwordChangedAt: null,
    mfaSecret: null,
    mfaEnabledAt: null,
    mfaLastStep: null,
    recoveryCodes: '[]',
    expiresAt: null,
    lastSignInAt: null,
    createdAt: at,
    updatedAt: at,
  };
}

export type Sso = ReturnType<typeof createSso>;
