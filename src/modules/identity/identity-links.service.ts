import type { Actor, ServiceDeps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Mailer, MailMessage } from '../../platform/mail/index.ts';
import * as audit from '../audit/index.ts';
import { hashPassword } from './identity.passwords.ts';
import { type Role, requiresMfa } from './identity.roles.ts';
import type { UserView } from './identity.schema.ts';
import { assertPassword, type ClientInfo, type Identity } from './identity.service.ts';
import * as store from './identity.store.ts';
import { randomToken, tokenHash } from './identity.tokens.ts';

const minute = 60_000;

/** The two emailed links: where they lead, how long they last, and the audit action of their request. */
const links = {
  reset: { kind: 'password-reset', page: 'reset-password', minutes: 30, action: 'auth.passwordResetRequest' },
  magic: { kind: 'magic-link', page: 'magic-link', minutes: 15, action: 'auth.magicLinkRequest' },
} as const;
type LinkName = keyof typeof links;

/**
 * Link requests allowed per window: a person asking again a few times is normal; more is someone else.
 * Counted for unknown addresses too, so the limits reveal nothing about which accounts exist.
 */
const budget = { windowMs: 60 * minute, perAccount: 5, perAddress: 50 };

type UserRow = NonNullable<Awaited<ReturnType<typeof store.findUserById>>>;

export interface LinkSignIn {
  readonly token: string;
  readonly session: { readonly csrfToken: string; readonly expiresAt: string };
  readonly user: UserView;
  readonly mfa: 'not_required';
}

function resetMessage(user: UserRow, link: string): MailMessage {
  return {
    to: user.email,
    subject: 'Reset your Enamel password',
    text: [
      `Hello ${user.displayName},`,
      '',
      `Someone asked to reset the password of your Enamel account (${user.email}).`,
      'To choose a new password, open this link within 30 minutes. It works once.',
      '',
      link,
      '',
      'If you did not ask for this, ignore this email: your password stays as it is.',
      'If these emails keep coming, tell your office manager or IT contact.',
      '',
      'Enamel',
    ].join('\n'),
  };
}

function magicMessage(user: UserRow, link: string): MailMessage {
  return {
    to: user.email,
    subject: 'Your Enamel sign-in link',
    text: [
      `Hello ${user.displayName},`,
      '',
      'Open this link to sign in to Enamel. It works once, within 15 minutes.',
      '',
      link,
      '',
      'Do not forward this email: anyone with the link can sign in as you.',
      'If you did not ask to sign in, ignore it.',
      '',
      'Enamel',
    ].join('\n'),
  };
}

function isUsable(user: UserRow | undefined, at: string): user is UserRow {
  return user !== undefined && user.status === 'active' && (!user.expiresAt || user.expiresAt > at);
}

/** Which accounts get each link: resets for accounts with a password, sign-in links for staff only. */
function isEligible(name: LinkName, user: UserRow | undefined, at: string): user is UserRow {
  if (!isUsable(user, at)) return false;
  return name === 'reset' ? user.passwordHash !== null : user.role === 'staff';
}

/**
 * Emailed one-time links: password reset (30 minutes) and password-less sign-in for staff (15 minutes).
 * Requests answer the same whether or not the account exists; email is sent after the answer, so its
 * timing reveals nothing either. Tokens are stored only as their SHA-256 and never logged or audited.
 */
export function createIdentityLinks(deps: ServiceDeps, identity: Identity, mailer: Mailer) {
  const now = () => deps.clock.now();
  let warnedUnconfigured = false;

  /** The identity trail convention: the user's DSO chain, or the platform chain for unknown accounts. */
  async function trail(
    user: UserRow | null,
    client: ClientInfo,
    action: string,
    outcome: 'allowed' | 'denied' | 'failed' = 'allowed',
  ): Promise<void> {
    const actor: Actor = {
      type: 'user',
      id: user?.id ?? null,
      label: user?.email ?? 'unknown account',
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
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

  /** Counts one request against a key; false once the window's allowance is spent. */
  async function spend(key: string, allowance: number): Promise<boolean> {
    const at = now();
    const row = await store.findThrottle(deps.db, key);
    // The row's updatedAt holds the start of its counting window.
    const fresh = !row || at.getTime() - Date.parse(row.updatedAt) >= budget.windowMs;
    const count = fresh ? 1 : row.failures + 1;
    const windowStart = fresh ? at.toISOString() : row.updatedAt;
    await store.saveThrottle(deps.db, key, count, null, windowStart);
    return count <= allowance;
  }

  async function checkAddress(name: LinkName, client: ClientInfo): Promise<void> {
    if (await spend(`link-${name}:ip:${client.ip}`, budget.perAddress)) return;
    throw new AppError('RATE_LIMITED', 'Too many link requests from this network: try again in an hour.');
  }

  function warnOnce(): void {
    if (warnedUnconfigured) return;
    warnedUnconfigured = true;
    deps.log.warn(
      { code: 'MAIL_NOT_CONFIGURED' },
      'Email is not configured (ENAMEL_SMTP_URL, ENAMEL_MAIL_FROM): password reset and sign-in links are not sent.',
    );
  }

  /** Sends after the request has been answered; failures are logged without the address or the link. */
  function deliver(message: MailMessage, name: LinkName): void {
    mailer.send(message).catch((error: unknown) => {
      const code = error instanceof AppError ? error.code : 'MAIL_SEND_FAILED';
      const reason = error instanceof AppError ? error.message : 'unexpected mailer error';
      deps.log.warn({ code, link: links[name].kind }, `An email link could not be sent: ${reason}`);
    });
  }

  async function requestLink(name: LinkName, rawEmail: string, client: ClientInfo): Promise<void> {
    const spec = links[name];
    await checkAddress(name, client);
    const email = rawEmail.trim().toLowerCase();
    const withinBudget = await spend(`link-${name}:account:${email}`, budget.perAccount);
    const user = await store.findUserByEmail(deps.db, email);
    const at = now();
    // Every request makes and hashes a token, used or not, so answers take the same time.
    const token = randomToken();
    const id = tokenHash(token);
    if (!mailer.isConfigured) warnOnce();
    if (!isEligible(name, user, at.toISOString())) {
      await trail(user ?? null, client, spec.action, 'denied');
      return;
    }
    if (!withinBudget || !mailer.isConfigured) {
      await trail(user, client, spec.action, withinBudget ? 'failed' : 'denied');
      return;
    }
    await store.insertOneTimeToken(deps.db, {
      id,
      kind: spec.kind,
      userId: user.id,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + spec.minutes * minute).toISOString(),
    });
    await trail(user, client, spec.action);
    const link = `${identity.settings.publicUrl}/${spec.page}#${token}`;
    deliver(name === 'reset' ? resetMessage(user, link) : magicMessage(user, link), name);
  }

  return {
    /** Emails a single-use reset link to an active account with a password; answers alike for any address. */
    requestPasswordReset: (email: string, client: ClientInfo) => requestLink('reset', email, client),

    /** Emails a single-use sign-in link to an active staff account; answers alike for any address. */
    requestMagicLink: (email: string, client: ClientInfo) => requestLink('magic', email, client),

    /**
     * Sets the password from a reset link and ends every session of the account; the person then signs in
     * (with MFA where the role needs it). A rejected password leaves the link usable.
     */
    async confirmPasswordReset(token: string, password: string, client: ClientInfo): Promise<void> {
      const passwordHash = await hashPassword(password);
      const at = now().toISOString();
      const user = await deps.db.transaction().execute(async (trx) => {
        const used = await store.consumeOneTimeToken(trx, tokenHash(token), links.reset.kind, at);
        const row = used ? await store.findUserById(trx, used.userId) : undefined;
        if (!isUsable(row, at)) return null;
        assertPassword(password, [row.email, row.displayName]);
        await store.updateUserRow(trx, row.id, { passwordHash, passwordChangedAt: at, updatedAt: at });
        await store.revokeSessions(trx, row.id, at);
        await store.clearThrottle(trx, `account:${row.email}`);
        return row;
      });
      if (!user) {
        await trail(null, client, 'auth.passwordReset', 'failed');
        throw new AppError(
          'AUTH_LINK_INVALID',
          'This password reset link is unknown, was already used, or has expired: ask for a new one.',
        );
      }
      await trail(user, client, 'auth.passwordReset');
    },

    /** Signs a staff member in from a sign-in link, as a password sign-in would (method `magic-link`). */
    async verifyMagicLink(token: string, client: ClientInfo): Promise<LinkSignIn> {
      const at = now().toISOString();
      const used = await store.consumeOneTimeToken(deps.db, tokenHash(token), links.magic.kind, at);
      const user = used ? await store.findUserById(deps.db, used.userId) : undefined;
      // The role is checked again: someone promoted since the link was sent must use MFA.
      if (!isEligible('magic', user, at) || requiresMfa(user.role as Role)) {
        await trail(user ?? null, client, 'auth.magicLinkSignIn', 'failed');
        throw new AppError(
          'AUTH_LINK_INVALID',
          'This sign-in link is unknown, was already used, or has expired: ask for a new one.',
        );
      }
      await trail(user, client, 'auth.magicLinkSignIn');
      const { token: sessionToken, session } = await identity.openSession(user, 'magic-link', true, client);
      return { token: sessionToken, session, user: await identity.userView(user), mfa: 'not_required' };
    },
  };
}

export type IdentityLinks = ReturnType<typeof createIdentityLinks>;
