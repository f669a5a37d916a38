import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Actor, ServiceDeps } from '../../platform/context.ts';
import type { PasskeyTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as audit from '../audit/index.ts';
import { type Role, requiresMfa } from './identity.roles.ts';
import type { ClientInfo, Identity } from './identity.service.ts';
import * as store from './identity.store.ts';
import type { PasskeyView } from './identity-passkeys.schema.ts';

/** A challenge answers once, within five minutes. */
export const challengeMinutes = 5;
const minute = 60_000;

type ChallengeKind = 'register' | 'mfa' | 'sign-in';
type UserRow = NonNullable<Awaited<ReturnType<typeof store.findUserById>>>;

function presentPasskey(row: PasskeyTable): PasskeyView {
  return {
    id: row.id,
    name: row.name,
    transports: JSON.parse(row.transports) as string[],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}

/** The relying party is the public URL: its host name is the RP id, its origin the expected origin. */
export function relyingParty(publicUrl: string): { rpID: string; origin: string } {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** The challenge the browser signed, read from its client data; null when that is not readable. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(isoBase64URL.toUTF8String(clientDataJSON)) as { challenge?: unknown };
    return typeof data.challenge === 'string' && data.challenge.length > 0 ? data.challenge : null;
  } catch {
    return null;
  }
}

/** WebAuthn passkeys: registration on the profile, an MFA factor, and passwordless sign-in. */
export function createPasskeys(deps: ServiceDeps, identity: Identity) {
  const now = () => deps.clock.now();
  const rp = () => relyingParty(identity.settings.publicUrl);

  async function trail(
    user: { id: string; dsoId: string; email: string } | null,
    client: ClientInfo | null,
    action: string,
    resource: { type: 'user' | 'passkey'; id: string | null },
    outcome: 'allowed' | 'failed' = 'allowed',
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
      resourceType: resource.type,
      resourceId: resource.id,
      occurredAt: now().toISOString(),
      outcome,
      changedFields: [],
    });
  }

  async function saveChallenge(challenge: string, kind: ChallengeKind, userId: string | null) {
    const at = now();
    await deps.db.deleteFrom('webauthnChallenges').where('expiresAt', '<=', at.toISOString()).execute();
    await deps.db
      .insertInto('webauthnChallenges')
      .values({
        id: newId(),
        userId,
        challenge,
        kind,
        expiresAt: new Date(at.getTime() + challengeMinutes * minute).toISOString(),
        usedAt: null,
      })
      .execute();
  }

  /** Marks the challenge of the answer used, atomically; refuses an unknown, used, expired or foreign one. */
  async function consumeChallenge(clientDataJSON: string, kind: ChallengeKind, userId: string | null) {
    const challenge = challengeOf(clientDataJSON);
    const at = now().toISOString();
    if (challenge !== null) {
      const result = await deps.db
        .updateTable('webauthnChallenges')
        .set({ usedAt: at })
        .where('challenge', '=', challenge)
        .where('kind', '=', kind)
        .where('usedAt', 'is', null)
        .where('expiresAt', '>', at)
        .$if(userId === null, (qb) => qb.where('userId', 'is', null))
        .$if(userId !== null, (qb) => qb.where('userId', '=', userId as string))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return challenge;
    }
    throw new AppError(
      'PASSKEY_CHALLENGE_INVALID',
      `This passkey request is unknown, was already used, or is older than ${challengeMinutes} minutes: start again.`,
    );
  }

  function listRows(userId: string) {
    return deps.db
      .selectFrom('passkeys')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('createdAt')
      .execute();
  }

  async function requireUser(userId: string): Promise<UserRow> {
    const user = await store.findUserById(deps.db, userId);
    if (!user) throw new AppError('AUTH_REQUIRED', 'Sign in first.');
    return user;
  }

  function usable(user: UserRow): boolean {
    return user.status === 'active' && (!user.expiresAt || user.expiresAt > now().toISOString());
  }

  /** Checks an authentication answer against a stored passkey and moves its counter forward. */
  async function verifyAssertion(
    response: AuthenticationResponseJSON,
    kind: 'mfa' | 'sign-in',
    userId: string | null,
    client: ClientInfo,
  ): Promise<{ user: UserRow; passkey: PasskeyTable }> {
    const challenge = await consumeChallenge(response.response.clientDataJSON, kind, userId);
    const passkey = await deps.db
      .selectFrom('passkeys')
      .selectAll()
      .where('credentialId', '=', response.id)
      .executeTakeFirst();
    const user = passkey ? await store.findUserById(deps.db, passkey.userId) : undefined;
    const failed = async (message: string) => {
      const action = kind === 'mfa' ? 'auth.passkeyMfa' : 'auth.passkeySignIn';
      await trail(user ?? null, client, action, { type: 'user', id: user?.id ?? null }, 'failed');
      return new AppError('PASSKEY_INVALID', message);
    };
    if (!passkey || !user || (userId !== null && passkey.userId !== userId)) {
      throw await failed('This passkey is not registered for an Enamel account here.');
    }
    if (!usable(user)) throw await failed('This account is disabled or has expired.');
    const { rpID, origin } = rp();
    let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: true,
        credential: {
          id: passkey.credentialId,
          publicKey: isoBase64URL.toBuffer(passkey.publicKey),
          counter: Number(passkey.counter),
          transports: JSON.parse(passkey.transports) as string[],
        },
      });
    } catch {
      throw await failed('The passkey answer could not be verified.');
    }
    if (!verified.verified) throw await failed('The passkey answer could not be verified.');
    const at = now().toISOString();
    await deps.db
      .updateTable('passkeys')
      .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: at })
      .where('id', '=', passkey.id)
      .execute();
    return { user, passkey };
  }

  return {
    async list(userId: string): Promise<PasskeyView[]> {
      return (await listRows(userId)).map(presentPasskey);
    },

    async registrationOptions(userId: string) {
      const user = await requireUser(userId);
      const existing = await listRows(userId);
      const options = await generateRegistrationOptions({
        rpName: 'Enamel',
        rpID: rp().rpID,
        userName: user.email,
        userDisplayName: user.displayName,
        userID: new TextEncoder().encode(user.id),
        timeout: challengeMinutes * minute,
        attestationType: 'none',
        excludeCredentials: existing.map((row) => ({
          id: row.credentialId,
          transports: JSON.parse(row.transports) as string[],
        })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      await saveChallenge(options.challenge, 'register', userId);
      return options;
    },

    async register(
      userId: string,
      input: { name?: string | undefined; response: RegistrationResponseJSON },
      client: ClientInfo,
    ): Promise<PasskeyView> {
      const user = await requireUser(userId);
      const challenge = await consumeChallenge(input.response.response.clientDataJSON, 'register', userId);
      const { rpID, origin } = rp();
      let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verified = await verifyRegistrationResponse({
          response: input.response,
          expectedChallenge: challenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: true,
        });
      } catch {
        verified = { verified: false };
      }
      if (!verified.verified) {
        await trail(user, client, 'auth.passkeyRegister', { type: 'passkey', id: null }, 'failed');
        throw new AppError('PASSKEY_INVALID', 'The new passkey could not be verified: try again.');
      }
      const { credential } = verified.registrationInfo;
      const count = (await listRows(userId)).length;
      const row: PasskeyTable = {
        id: newId(),
        userId,
        dsoId: user.dsoId,
        credentialId: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? input.response.response.transports ?? []),
        name: input.name ?? `Passkey ${count + 1}`,
        createdAt: now().toISOString(),
        lastUsedAt: null,
      };
      try {
        await deps.db.insertInto('passkeys').values(row).execute();
      } catch (error) {
        if (identity.isUniqueViolation(error))
          throw new AppError('CONFLICT', 'This passkey is already registered.');
        throw error;
      }
      await trail(user, client, 'auth.passkeyRegister', { type: 'passkey', id: row.id });
      return presentPasskey(row);
    },

    async remove(userId: string, id: string, client: ClientInfo): Promise<void> {
      const user = await requireUser(userId);
      const result = await deps.db
        .deleteFrom('passkeys')
        .where('id', '=', id)
        .where('userId', '=', userId)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1)
        throw new AppError('NOT_FOUND', `Passkey "${id}" was not found.`);
      await trail(user, client, 'auth.passkeyRemove', { type: 'passkey', id });
    },

    /** Options for the MFA step of a password sign-in: only the caller's own passkeys answer. */
    async mfaOptions(userId: string) {
      const rows = await listRows(userId);
      if (rows.length === 0) {
        throw new AppError(
          'CONFLICT',
          'No passkey is registered for this account: use your authentication code.',
        );
      }
      const options = await generateAuthenticationOptions({
        rpID: rp().rpID,
        timeout: challengeMinutes * minute,
        userVerification: 'required',
        allowCredentials: rows.map((row) => ({
          id: row.credentialId,
          transports: JSON.parse(row.transports) as string[],
        })),
      });
      await saveChallenge(options.challenge, 'mfa', userId);
      return options;
    },

    async verifyMfa(
      userId: string,
      sessionId: string,
      response: AuthenticationResponseJSON,
      client: ClientInfo,
    ) {
      const { user, passkey } = await verifyAssertion(response, 'mfa', userId, client);
      await store.updateSessionRow(deps.db, sessionId, { mfaPassed: 1 });
      await trail(user, client, 'auth.passkeyMfa', { type: 'passkey', id: passkey.id });
    },

    /** Options for a passwordless sign-in: discoverable credentials, so no account is named. */
    async signInOptions() {
      const options = await generateAuthenticationOptions({
        rpID: rp().rpID,
        timeout: challengeMinutes * minute,
        userVerification: 'required',
      });
      await saveChallenge(options.challenge, 'sign-in', null);
      return options;
    },

    /** A passkey with user verification is two factors (possession and PIN or biometric): MFA is passed. */
    async signIn(response: AuthenticationResponseJSON, client: ClientInfo) {
      const { user, passkey } = await verifyAssertion(response, 'sign-in', null, client);
      await trail(user, client, 'auth.passkeySignIn', { type: 'passkey', id: passkey.id });
      const { token, session } = await identity.openSession(user, 'passkey', true, client);
      const mfa = requiresMfa(user.role as Role) ? ('passed' as const) : ('not_required' as const);
      return { token, session, user: await identity.userView(user), mfa };
    },
  };
}

export type Passkeys = ReturnType<typeof createPasskeys>;
