import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { beforeAll, expect, it } from 'vitest';
import { capturedLogs, createTestApp, type TestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

const adminPassword = 'correct horse battery staple 42';

function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const value = (Array.isArray(header) ? header[0] : header) ?? '';
  return value.split(';')[0] as string;
}

describeEachDialect('identity: setup, sign-in, MFA, sessions, tokens', (get) => {
  let test: TestApp;
  let app: FastifyInstance;
  const secrets: string[] = [adminPassword];
  let admin = { cookie: '', csrf: '' };
  const auth = (s = admin) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  const email = () => `admin.${get().dialect}@bright.example`;

  async function signIn(password = adminPassword, who = email()) {
    return app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: who, password } });
  }

  beforeAll(async () => {
    test = await createTestApp(get().handle);
    app = test.app;
  });

  it('runs first-run setup once, with the password policy of NIST SP 800-63B', async () => {
    expect((await app.inject('/api/v1/setup')).json()).toEqual({ needed: true });
    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        dsoName: 'Bright Dental',
        displayName: 'Ada Admin',
        email: email(),
        password: 'password1234',
      },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({
      code: 'PASSWORD_REJECTED',
      issues: [{ path: ['body', 'password'] }],
    });
    const short = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { dsoName: 'Bright Dental', displayName: 'Ada Admin', email: email(), password: 'short' },
    });
    expect(short.json().error.message).toContain('at least 12');

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        dsoName: 'Bright Dental',
        displayName: 'Ada Admin',
        email: email(),
        password: adminPassword,
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ mfa: 'enrol', user: { role: 'dso_admin', mfaEnabled: false } });
    const setCookie = String(created.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    admin = { cookie: cookieOf(created), csrf: created.json().csrfToken };
    secrets.push(admin.cookie.split('=')[1] as string, admin.csrf);

    expect((await app.inject('/api/v1/setup')).json()).toEqual({ needed: false });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        dsoName: 'Evil',
        displayName: 'Eve',
        email: 'eve@evil.example',
        password: 'another long passphrase 9',
      },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_DONE');
  });

  it('requires MFA enrolment before anything else, then works with TOTP', async () => {
    const blocked = await app.inject({ url: '/api/v1/practices', headers: auth() });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('AUTH_MFA_REQUIRED');
    expect((await app.inject({ url: '/api/v1/me', headers: auth() })).json().session.mfaPassed).toBe(false);

    const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enrol', headers: auth() });
    const { secret, qrDataUrl, otpauthUrl } = enrol.json();
    secrets.push(secret);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain('otpauth://totp/');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol/confirm',
      headers: auth(),
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const code = await generate({ secret, epoch: Math.floor(test.clock.now().getTime() / 1000) });
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol/confirm',
      headers: auth(),
      payload: { code },
    });
    expect(confirmed.statusCode).toBe(200);
    const codes: string[] = confirmed.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    secrets.push(...codes);
    expect((await app.inject({ url: '/api/v1/practices', headers: auth() })).statusCode).toBe(200);

    // A new sign-in is challenged; a recovery code works once.
    const second = await signIn();
    expect(second.json().mfa).toBe('challenge');
    const session = { cookie: cookieOf(second), csrf: second.json().csrfToken };
    expect((await app.inject({ url: '/api/v1/practices', headers: auth(session) })).statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers: auth(session),
      payload: { code: codes[0] },
    });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/practices', headers: auth(session) })).statusCode).toBe(200);
    const third = await signIn();
    const thirdSession = { cookie: cookieOf(third), csrf: third.json().csrfToken };
    const reused = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers: auth(thirdSession),
      payload: { code: codes[0] },
    });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe('AUTH_MFA_INVALID');
  });

  it('gives the same answer for a wrong password and an unknown account, then locks with back-off', async () => {
    const wrong = await signIn('not the right password');
    const unknown = await signIn(adminPassword, 'nobody@bright.example');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    for (let i = 0; i < 4; i++) await signIn('not the right password');
    const locked = await signIn();
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('AUTH_LOCKED');
    test.clock.advance(31_000);
    expect((await signIn()).statusCode).toBe(200);
  });

  it('ends a session after 15 idle minutes and after 12 hours in all', async () => {
    const fresh = await signIn();
    const session = { cookie: cookieOf(fresh), csrf: fresh.json().csrfToken };
    test.clock.advance(14 * 60_000);
    expect((await app.inject({ url: '/api/v1/me', headers: auth(session) })).statusCode).toBe(200);
    test.clock.advance(15 * 60_000);
    const idle = await app.inject({ url: '/api/v1/me', headers: auth(session) });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('AUTH_REQUIRED');

    const long = await signIn();
    const longSession = { cookie: cookieOf(long), csrf: long.json().csrfToken };
    for (let hour = 0; hour < 12 * 6 - 1; hour++) {
      test.clock.advance(10 * 60_000);
      expect((await app.inject({ url: '/api/v1/me', headers: auth(longSession) })).statusCode).toBe(200);
    }
    test.clock.advance(10 * 60_000);
    expect((await app.inject({ url: '/api/v1/me', headers: auth(longSession) })).statusCode).toBe(401);
  });

  it("lists the caller's sessions and ends one of them; sign-out ends the current one", async () => {
    const a = await signIn();
    const b = await signIn();
    const sa = { cookie: cookieOf(a), csrf: a.json().csrfToken };
    const sb = { cookie: cookieOf(b), csrf: b.json().csrfToken };
    expect((await app.inject({ url: '/api/v1/auth/sessions', headers: auth(sa) })).statusCode).toBe(403);
    const code = await generate({
      secret: secrets[3] as string,
      epoch: Math.floor(test.clock.now().getTime() / 1000),
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers: auth(sa),
      payload: { code },
    });
    const list = (await app.inject({ url: '/api/v1/auth/sessions', headers: auth(sa) })).json().items;
    expect(list.filter((item: { current: boolean }) => item.current)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(sa.cookie.split('=')[1]);
    const other = list.find((item: { current: boolean }) => !item.current);
    const ended = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${other.id}`,
      headers: auth(sa),
    });
    expect(ended.statusCode).toBe(204);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: auth(sa) });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: auth(sa) })).statusCode).toBe(401);
    expect(sb.cookie).not.toBe(sa.cookie);
  });

  it('issues API tokens shown once, scoped, revocable', async () => {
    const signedIn = await signIn();
    const session = { cookie: cookieOf(signedIn), csrf: signedIn.json().csrfToken };
    const me = (await app.inject({ url: '/api/v1/me', headers: auth(session) })).json();
    expect(me.user.email).toBe(email());
    // Pass MFA with a TOTP code of a new time step; the same code a second time is refused (RFC 6238 5.2).
    test.clock.advance(30_000);
    const secret = secrets[3] as string;
    const code = await generate({ secret, epoch: Math.floor(test.clock.now().getTime() / 1000) });
    const verify = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/mfa/verify', headers, payload: { code } });
    expect((await verify(auth(session))).statusCode).toBe(204);
    const replay = await signIn();
    expect((await verify(auth({ cookie: cookieOf(replay), csrf: replay.json().csrfToken }))).statusCode).toBe(
      401,
    );

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(session),
      payload: { name: 'RMM import', scopes: ['people:read'], expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { secret: tokenSecret, token } = created.json();
    secrets.push(tokenSecret);
    expect(tokenSecret).toMatch(/^enm_/);
    const bearer = { authorization: `Bearer ${tokenSecret}` };
    expect((await app.inject({ url: '/api/v1/people', headers: bearer })).statusCode).toBe(200);
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: bearer,
      payload: { name: 'X' },
    });
    expect(write.statusCode).toBe(403);
    const listed = await app.inject({ url: '/api/v1/tokens', headers: auth(session) });
    expect(listed.body).not.toContain(tokenSecret);
    expect(listed.json().items[0].lastUsedAt).not.toBeNull();
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: auth(session) }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject({ url: '/api/v1/people', headers: bearer })).statusCode).toBe(401);

    // Password change ends the other sessions, keeps this one.
    const other = await signIn();
    const otherSession = { cookie: cookieOf(other), csrf: other.json().csrfToken };
    const newPassword = 'a brand new passphrase 77';
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: auth(session),
      payload: { currentPassword: adminPassword, newPassword },
    });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: auth(otherSession) })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/me', headers: auth(session) })).statusCode).toBe(200);
    const everywhere = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere',
      headers: auth(session),
    });
    expect(everywhere.json().ended).toBeGreaterThanOrEqual(1);
    expect((await app.inject({ url: '/api/v1/me', headers: auth(session) })).statusCode).toBe(401);
  });

  it('records sign-ins, failures and refusals in the audit trail', async () => {
    const db = get().handle.db;
    const rows = await db.selectFrom('auditEvents').select(['action', 'outcome', 'actorLabel']).execute();
    const seen = new Set(rows.map((row) => `${row.action}:${row.outcome}`));
    for (const expected of [
      'auth.signIn:allowed',
      'auth.signIn:failed',
      'auth.mfaEnrol:allowed',
      'auth.mfaVerify:failed',
    ]) {
      expect(seen.has(expected), expected).toBe(true);
    }
    const dsoId = (
      await db.selectFrom('users').select('dsoId').where('email', '=', email()).executeTakeFirstOrThrow()
    ).dsoId;
    const staff = await authAs(get().handle, dsoId, 'staff', [], test.clock.now().toISOString());
    expect((await app.inject({ url: '/api/v1/people', headers: staff })).statusCode).toBe(403);
    const denied = await db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'access.denied')
      .execute();
    expect(denied.some((row) => row.resourceId === 'GET /api/v1/people' && row.outcome === 'denied')).toBe(
      true,
    );
  });

  it('never writes passwords, session tokens, TOTP seeds or recovery codes to the logs', () => {
    const logs = capturedLogs.join('');
    for (const secret of secrets)
      expect(logs.includes(secret), `log leaked ${secret.slice(0, 4)}…`).toBe(false);
  });
});
