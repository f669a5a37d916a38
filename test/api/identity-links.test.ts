import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/identity/identity.passwords.ts';
import type { Role } from '../../src/modules/identity/identity.roles.ts';
import { newId } from '../../src/platform/ids.ts';
import { buildDso, testDeps } from '../factories/org.ts';
import { capturedLogs, createTestApp, type TestApp } from '../harness/app.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type ReceivedMail, type SmtpPeer, startSmtpPeer } from '../mail/smtp-peer.ts';

const publicUrl = 'https://enamel.bright.example';
const oldPassword = 'old lighthouse keeper 1987';
const newPassword = 'new harbour pilot 2026 spring';
const smtpPassword = 'smtp relay secret 77';
const minute = 60_000;

function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const value = (Array.isArray(header) ? header[0] : header) ?? '';
  return value.split(';')[0] as string;
}

/** The token of the one link in an email, checked to lead to the page. */
function tokenIn(mail: ReceivedMail, page: 'reset-password' | 'magic-link'): string {
  const match = mail.text.match(/(https:\/\/\S+)#([A-Za-z0-9_-]{43})\s/);
  expect(match?.[1]).toBe(`${publicUrl}/${page}`);
  return match?.[2] as string;
}

describeEachDialect('identity: password reset and sign-in links by email', (get) => {
  let test: TestApp;
  let app: FastifyInstance;
  let peer: SmtpPeer;
  let dsoId: string;
  let mailsSeen = 0;
  /** Every token and link seen, to check none reaches the logs. */
  const secrets: string[] = [smtpPassword, newPassword, oldPassword];
  const nextMail = () => peer.message(mailsSeen++);

  async function addUser(role: Role, options: { password?: boolean; status?: string } = {}) {
    const at = test.clock.now().toISOString();
    const id = newId();
    const user = {
      id,
      dsoId,
      personId: null,
      email: `${role}.${id.slice(-12)}@bright.example`,
      displayName: `Robin ${role}`,
      role,
      status: options.status ?? 'active',
      passwordHash: options.password === false ? null : await hashPassword(oldPassword),
      passwordChangedAt: options.password === false ? null : at,
      mfaSecret: null,
      mfaEnabledAt: null,
      recoveryCodes: '[]',
      expiresAt: null,
      lastSignInAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await get().handle.db.insertInto('users').values(user).execute();
    return user;
  }

  const post = (url: string, payload: object, remoteAddress = '198.51.100.7') =>
    app.inject({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress });
  const signIn = (email: string, password: string) => post('/auth/sign-in', { email, password });

  /** Asks for a link and returns the token from the email that arrives. */
  async function linkFor(email: string, kind: 'reset' | 'magic'): Promise<string> {
    const asked = await post(kind === 'reset' ? '/auth/password-reset' : '/auth/magic-link', { email });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ sent: true });
    const mail = await nextMail();
    expect(mail.envelopeTo).toEqual([email]);
    const token = tokenIn(mail, kind === 'reset' ? 'reset-password' : 'magic-link');
    secrets.push(token);
    return token;
  }

  /** Proves no email went out for earlier requests: the next one to arrive is for this staff member. */
  async function expectNoMailBefore(): Promise<void> {
    const staff = await addUser('staff');
    await linkFor(staff.email, 'magic');
    expect(peer.messages).toHaveLength(mailsSeen);
  }

  beforeAll(async () => {
    peer = await startSmtpPeer({ user: 'enamel', pass: smtpPassword });
    test = await createTestApp(get().handle, {
      ENAMEL_SMTP_URL: peer.url,
      ENAMEL_MAIL_FROM: 'security@bright.example',
      ENAMEL_PUBLIC_URL: publicUrl,
    });
    app = test.app;
    dsoId = (await buildDso(testDeps(get().handle))).id;
  });
  afterAll(async () => {
    await app.close();
    await peer.close();
  });

  it('resets a password end to end: email, new password, every old session ended', async () => {
    const user = await addUser('it_admin');
    const before = [await signIn(user.email, oldPassword), await signIn(user.email, oldPassword)];
    const cookies = before.map(cookieOf);
    secrets.push(...cookies.map((cookie) => cookie.split('=')[1] as string));

    const asked = await post('/auth/password-reset', { email: user.email.toUpperCase() });
    expect(asked.statusCode).toBe(202);
    const mail = await nextMail();
    expect(mail).toMatchObject({
      envelopeTo: [user.email],
      from: 'security@bright.example',
      subject: 'Reset your Enamel password',
    });
    expect(mail.text).toContain('Hello Robin it_admin,');
    expect(mail.text).toContain('within 30 minutes');
    const token = tokenIn(mail, 'reset-password');
    secrets.push(token);

    const weak = await post('/auth/password-reset/confirm', { token, password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_REJECTED');
    // A rejected password leaves the link usable.
    const done = await post('/auth/password-reset/confirm', { token, password: newPassword });
    expect(done.statusCode).toBe(204);

    for (const cookie of cookies) {
      expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    }
    expect((await signIn(user.email, oldPassword)).statusCode).toBe(401);
    const after = await signIn(user.email, newPassword);
    expect(after.statusCode).toBe(200);
    // MFA still applies after a reset.
    expect(after.json().mfa).toBe('enrol');

    const reused = await post('/auth/password-reset/confirm', { token, password: `${newPassword} again` });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('AUTH_LINK_INVALID');
  });

  it('expires reset links at exactly 30 minutes', async () => {
    const user = await addUser('practice_manager');
    const late = await linkFor(user.email, 'reset');
    test.clock.advance(30 * minute);
    const expired = await post('/auth/password-reset/confirm', { token: late, password: newPassword });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('AUTH_LINK_INVALID');

    const inTime = await linkFor(user.email, 'reset');
    test.clock.advance(30 * minute - 1000);
    expect(
      (await post('/auth/password-reset/confirm', { token: inTime, password: newPassword })).statusCode,
    ).toBe(204);
  });

  it('answers 202 and sends nothing for unknown, disabled or password-less accounts', async () => {
    const disabled = await addUser('it_admin', { status: 'disabled' });
    const invited = await addUser('practice_manager', { password: false });
    for (const email of ['nobody@bright.example', disabled.email, invited.email]) {
      const asked = await post('/auth/password-reset', { email });
      expect(asked.statusCode).toBe(202);
      expect(asked.json()).toEqual({ sent: true });
    }
    await expectNoMailBefore();
    const rows = await get()
      .handle.db.selectFrom('auditEvents')
      .select(['actorLabel', 'outcome', 'dsoId'])
      .where('action', '=', 'auth.passwordResetRequest')
      .where('outcome', '=', 'denied')
      .execute();
    expect(rows).toContainEqual({ actorLabel: 'unknown account', outcome: 'denied', dsoId: null });
    expect(rows).toContainEqual({ actorLabel: invited.email, outcome: 'denied', dsoId });
  });

  it('signs staff in by an emailed link, once', async () => {
    const staff = await addUser('staff', { password: false });
    const asked = await post('/auth/magic-link', { email: staff.email });
    expect(asked.statusCode).toBe(202);
    const mail = await nextMail();
    expect(mail.subject).toBe('Your Enamel sign-in link');
    expect(mail.text).toContain('within 15 minutes');
    const token = tokenIn(mail, 'magic-link');
    secrets.push(token);

    const verified = await post('/auth/magic-link/verify', { token });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ mfa: 'not_required', user: { id: staff.id, role: 'staff' } });
    const setCookie = String(verified.headers['set-cookie']);
    expect(setCookie).toContain('enamel_session=');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const headers = { cookie: cookieOf(verified), 'x-csrf-token': verified.json().csrfToken };
    secrets.push(headers.cookie.split('=')[1] as string);
    expect((await app.inject({ url: '/api/v1/me', headers })).json().user.id).toBe(staff.id);
    const sessions = await app.inject({ url: '/api/v1/auth/sessions', headers });
    expect(sessions.json().items).toMatchObject([{ method: 'magic-link', current: true }]);

    const reused = await post('/auth/magic-link/verify', { token });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('AUTH_LINK_INVALID');

    const events = await get()
      .handle.db.selectFrom('auditEvents')
      .select(['action', 'outcome'])
      .where('actorId', '=', staff.id)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { action: 'auth.magicLinkRequest', outcome: 'allowed' },
      { action: 'auth.magicLinkSignIn', outcome: 'allowed' },
    ]);
  });

  it('sends no sign-in link to roles that must use MFA, and refuses a link after promotion', async () => {
    const admin = await addUser('dso_admin');
    const asked = await post('/auth/magic-link', { email: admin.email });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ sent: true });
    await expectNoMailBefore();

    const staff = await addUser('staff');
    const token = await linkFor(staff.email, 'magic');
    await get().handle.db.updateTable('users').set({ role: 'it_admin' }).where('id', '=', staff.id).execute();
    const refused = await post('/auth/magic-link/verify', { token });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('AUTH_LINK_INVALID');
  });

  it('expires sign-in links at exactly 15 minutes', async () => {
    const staff = await addUser('staff');
    const late = await linkFor(staff.email, 'magic');
    test.clock.advance(15 * minute);
    expect((await post('/auth/magic-link/verify', { token: late })).json().error.code).toBe(
      'AUTH_LINK_INVALID',
    );
    const inTime = await linkFor(staff.email, 'magic');
    test.clock.advance(15 * minute - 1000);
    expect((await post('/auth/magic-link/verify', { token: inTime })).statusCode).toBe(200);
  });

  it('limits requests per account (silently) and per address (429)', async () => {
    test.clock.advance(2 * 60 * minute);
    const staff = await addUser('staff');
    for (let i = 0; i < 6; i++) {
      expect((await post('/auth/magic-link', { email: staff.email }, '198.51.100.8')).statusCode).toBe(202);
    }
    for (let i = 0; i < 5; i++) secrets.push(tokenIn(await nextMail(), 'magic-link'));
    const outcomes = await get()
      .handle.db.selectFrom('auditEvents')
      .select('outcome')
      .where('actorId', '=', staff.id)
      .execute();
    expect(outcomes.filter((row) => row.outcome === 'denied')).toHaveLength(1);

    for (let i = 0; i < 50; i++) {
      const email = `unknown${i}@bright.example`;
      expect((await post('/auth/password-reset', { email }, '203.0.113.9')).statusCode).toBe(202);
    }
    const limited = await post('/auth/password-reset', { email: 'one.more@bright.example' }, '203.0.113.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(
      (await post('/auth/password-reset', { email: 'x@bright.example' }, '203.0.113.10')).statusCode,
    ).toBe(202);
    test.clock.advance(60 * minute);
    expect(
      (await post('/auth/password-reset', { email: 'y@bright.example' }, '203.0.113.9')).statusCode,
    ).toBe(202);
    await expectNoMailBefore();
  });

  it('never writes tokens, links or the SMTP password to the logs or the audit trail', async () => {
    const logs = capturedLogs.join('');
    expect(logs).not.toContain('reset-password#');
    expect(logs).not.toContain('magic-link#');
    const trail = JSON.stringify(await get().handle.db.selectFrom('auditEvents').selectAll().execute());
    for (const secret of secrets) {
      expect(logs.includes(secret), `log leaked ${secret.slice(0, 4)}…`).toBe(false);
      expect(trail.includes(secret), `audit leaked ${secret.slice(0, 4)}…`).toBe(false);
    }
  });
});

describeEachDialect('identity: link requests without email configured', (get) => {
  it('answers 202 and warns once, naming no address', async () => {
    const { app } = await createTestApp(get().handle);
    const before = capturedLogs.length;
    for (const email of ['first@bright.example', 'second@bright.example']) {
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } }))
          .statusCode,
      ).toBe(202);
      expect(
        (await app.inject({ method: 'POST', url: '/api/v1/auth/magic-link', payload: { email } })).statusCode,
      ).toBe(202);
    }
    const lines = capturedLogs.slice(before).join('');
    expect(lines.match(/Email is not configured/g)).toHaveLength(1);
    expect(lines).toContain('"level":40');
    expect(lines).not.toContain('bright.example');
    await app.close();
  });
});
