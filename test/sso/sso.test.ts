import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDso, buildPerson, testDeps } from '../factories/org.ts';
import { capturedLogs, createTestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type OidcPeer, type PeerAccount, startOidcPeer } from './oidc-peer.ts';

const publicUrl = 'http://127.0.0.1:3999';
const clientSecret = 'peer-client-secret-4f9a1c77d2';

describeEachDialect('single sign-on with a real OpenID Connect provider', (get) => {
  let app: FastifyInstance;
  let peer: OidcPeer;
  let admin: AuthHeaders;
  let dsoId: string;
  let personId: string;
  let providerId: string;

  async function createProvider(payload: Record<string, unknown>) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/sso/providers',
      headers: admin,
      payload: {
        kind: 'generic',
        issuerUrl: peer.issuer,
        clientSecret,
        allowedDomains: ['bright.example'],
        ...payload,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json();
    peer.addClient(view.clientId, clientSecret, view.redirectUri);
    return view;
  }

  /** A whole sign-in as a browser does it: Enamel's start, the provider, then Enamel's callback. */
  async function signIn(sub: string, id = providerId, tamper?: (callback: URL) => void) {
    const start = await app.inject({ url: `/api/v1/auth/sso/${id}/start` });
    expect(start.statusCode).toBe(302);
    const location = String(start.headers.location);
    if (location.startsWith('/sign-in')) return { location, cookie: null };
    const flow = start.cookies.find((cookie) => cookie.name === 'enamel_sso');
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/sso' });
    const callback = await peer.signIn(location, sub);
    expect(callback.href.startsWith(`${publicUrl}/api/v1/auth/sso/${id}/callback?`)).toBe(true);
    tamper?.(callback);
    const done = await app.inject({
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: `enamel_sso=${flow?.value}` },
    });
    expect(done.statusCode).toBe(302);
    const session = done.cookies.find((cookie) => cookie.name === 'enamel_session');
    return {
      location: String(done.headers.location),
      cookie: session ? `enamel_session=${session.value}` : null,
    };
  }

  async function me(cookie: string | null) {
    return app.inject({ url: '/api/v1/me', headers: { cookie: cookie ?? '' } });
  }

  beforeAll(async () => {
    const db = get();
    peer = await startOidcPeer();
    ({ app } = await createTestApp(db.handle, { ENAMEL_PUBLIC_URL: publicUrl }));
    const deps = testDeps(db.handle);
    dsoId = (await buildDso(deps)).id;
    personId = (await buildPerson(deps, dsoId, { email: 'alice@bright.example' })).id;
    admin = await authAs(db.handle, dsoId);
    peer.accounts.set('alice-sub', {
      email: 'Alice@Bright.example',
      email_verified: true,
      name: 'Alice Jones',
      groups: ['enamel-security'],
    });
    peer.accounts.set('mallory-sub', {
      email: 'mallory@elsewhere.example',
      email_verified: true,
      name: 'Mallory',
      groups: ['enamel-security'],
    });
    providerId = (
      await createProvider({
        name: 'Bright IdP',
        clientId: 'enamel-bright',
        roleMappings: [
          { group: 'enamel-security', role: 'security_officer' },
          { group: 'enamel-it', role: 'it_admin' },
        ],
        defaultRole: 'staff',
        enforcesMfa: true,
      })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
    await peer?.close();
  });

  it('stores the client secret encrypted and never answers it', async () => {
    const row = await get()
      .handle.db.selectFrom('ssoProviders')
      .selectAll()
      .where('id', '=', providerId)
      .executeTakeFirstOrThrow();
    expect(row.clientSecret).toMatch(/^enc:v1:/);
    expect(row.clientSecret).not.toContain(clientSecret);
    const list = await app.inject({ url: '/api/v1/sso/providers', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(clientSecret);
    expect(list.body).not.toContain('enc:v1:');
    expect(list.json().items[0]).toMatchObject({
      id: providerId,
      kind: 'generic',
      groupClaim: 'groups',
      enforcesMfa: true,
      enabled: true,
      redirectUri: `${publicUrl}/api/v1/auth/sso/${providerId}/callback`,
    });
    expect(list.json().items[0]).not.toHaveProperty('clientSecret');
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/sso/providers/${providerId}`,
      headers: admin,
      payload: { name: 'Bright Dental IdP' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).not.toContain(clientSecret);
  });

  it('refuses an issuer over plain HTTP away from this machine, and unknown fields', async () => {
    const insecure = await app.inject({
      method: 'POST',
      url: '/api/v1/sso/providers',
      headers: admin,
      payload: {
        name: 'Plain',
        kind: 'entra',
        issuerUrl: 'http://login.example.com/tenant/v2.0',
        clientId: 'x',
        clientSecret: 'y',
        allowedDomains: ['bright.example'],
      },
    });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json().error.issues[0].path).toEqual(['body', 'issuerUrl']);
    const auditor = await app.inject({
      method: 'POST',
      url: '/api/v1/sso/providers',
      headers: admin,
      payload: {
        name: 'Auditors',
        kind: 'google',
        issuerUrl: 'https://accounts.google.com',
        clientId: 'x',
        clientSecret: 'y',
        allowedDomains: ['bright.example'],
        defaultRole: 'auditor',
      },
    });
    expect(auditor.statusCode).toBe(400);
  });

  it('lists enabled providers for the sign-in page, filtered by the email domain', async () => {
    const all = await app.inject('/api/v1/auth/sso');
    expect(all.json().items).toContainEqual({ id: providerId, name: 'Bright Dental IdP', kind: 'generic' });
    const mine = await app.inject('/api/v1/auth/sso?email=someone%40bright.example');
    expect(mine.json().items.map((item: { id: string }) => item.id)).toContain(providerId);
    const other = await app.inject('/api/v1/auth/sso?email=someone%40other.example');
    expect(other.json().items.map((item: { id: string }) => item.id)).not.toContain(providerId);
  });

  it('signs a new person in: creates the account with the mapped role, linked to their people record', async () => {
    const result = await signIn('alice-sub');
    expect(result.location).toBe('/');
    const response = await me(result.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { email: 'alice@bright.example', displayName: 'Alice Jones', role: 'security_officer' },
      dso: { id: dsoId },
      session: { mfaPassed: true, mfaRequired: true },
    });
    const user = await get()
      .handle.db.selectFrom('users')
      .selectAll()
      .where('email', '=', 'alice@bright.example')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ dsoId, personId, passwordHash: null });
    const sessions = await app.inject({
      url: '/api/v1/auth/sessions',
      headers: { cookie: result.cookie ?? '' },
    });
    expect(sessions.json().items[0].method).toBe('sso');
    const trail = await app.inject({ url: '/api/v1/audit-events?action=auth.ssoSignIn', headers: admin });
    expect(trail.body).toContain(user.id);
  });

  it('reuses the account at the next sign-in and follows group changes', async () => {
    peer.accounts.set('alice-sub', {
      ...(peer.accounts.get('alice-sub') as PeerAccount),
      groups: ['enamel-it'],
    });
    const it = await signIn('alice-sub');
    expect((await me(it.cookie)).json().user.role).toBe('it_admin');
    peer.accounts.set('alice-sub', { ...(peer.accounts.get('alice-sub') as PeerAccount), groups: [] });
    const staff = await signIn('alice-sub');
    expect((await me(staff.cookie)).json().user.role).toBe('staff');
    // The session opened as it_admin ended with the role change.
    expect((await me(it.cookie)).statusCode).toBe(401);
    const rows = await get()
      .handle.db.selectFrom('users')
      .select('id')
      .where('email', '=', 'alice@bright.example')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses an email domain the provider does not allow, and creates nothing', async () => {
    const result = await signIn('mallory-sub');
    expect(result).toEqual({ location: '/sign-in?error=SSO_DOMAIN_NOT_ALLOWED', cookie: null });
    const user = await get()
      .handle.db.selectFrom('users')
      .select('id')
      .where('email', '=', 'mallory@elsewhere.example')
      .executeTakeFirst();
    expect(user).toBeUndefined();
  });

  it('refuses an unverified email', async () => {
    peer.accounts.set('unverified-sub', {
      email: 'unverified@bright.example',
      email_verified: false,
      name: 'U',
      groups: [],
    });
    expect((await signIn('unverified-sub')).location).toBe('/sign-in?error=SSO_EMAIL_UNVERIFIED');
  });

  it('refuses an answer whose state was changed, and a callback without the flow cookie', async () => {
    const tampered = await signIn('alice-sub', providerId, (callback) => {
      callback.searchParams.set('state', 'forged-state');
    });
    expect(tampered).toEqual({ location: '/sign-in?error=SSO_STATE_INVALID', cookie: null });
    const bare = await app.inject({ url: `/api/v1/auth/sso/${providerId}/callback?code=abc&state=def` });
    expect(bare.headers.location).toBe('/sign-in?error=SSO_STATE_INVALID');
  });

  it('refuses a disabled account', async () => {
    await get()
      .handle.db.updateTable('users')
      .set({ status: 'disabled' })
      .where('email', '=', 'alice@bright.example')
      .execute();
    expect((await signIn('alice-sub')).location).toBe('/sign-in?error=SSO_ACCOUNT_DISABLED');
    await get()
      .handle.db.updateTable('users')
      .set({ status: 'active' })
      .where('email', '=', 'alice@bright.example')
      .execute();
  });

  it('asks for Enamel MFA when the provider is not trusted to enforce it', async () => {
    const untrusted = await createProvider({
      name: 'Untrusted IdP',
      clientId: 'enamel-untrusted',
      roleMappings: [{ group: 'enamel-security', role: 'security_officer' }],
    });
    expect(untrusted.enforcesMfa).toBe(false);
    peer.accounts.set('bob-sub', {
      email: 'bob@bright.example',
      email_verified: true,
      name: 'Bob',
      groups: ['enamel-security'],
    });
    const result = await signIn('bob-sub', untrusted.id);
    expect((await me(result.cookie)).json().session).toMatchObject({ mfaPassed: false, mfaRequired: true });
    const blocked = await app.inject({ url: '/api/v1/practices', headers: { cookie: result.cookie ?? '' } });
    expect(blocked.json().error.code).toBe('AUTH_MFA_REQUIRED');
  });

  it('refuses a provider with no role for the person when there is no default role', async () => {
    const strict = await createProvider({
      name: 'Strict IdP',
      clientId: 'enamel-strict',
      roleMappings: [{ group: 'enamel-it', role: 'it_admin' }],
    });
    expect((await signIn('alice-sub', strict.id)).location).toBe('/sign-in?error=SSO_NO_ROLE');
  });

  it('refuses a disabled provider and hides it from the sign-in page', async () => {
    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/sso/providers/${providerId}`,
      headers: admin,
      payload: { enabled: false },
    });
    expect(disabled.json().enabled).toBe(false);
    expect((await signIn('alice-sub')).location).toBe('/sign-in?error=SSO_PROVIDER_UNAVAILABLE');
    expect((await app.inject('/api/v1/auth/sso')).body).not.toContain(providerId);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sso/providers/${providerId}`,
      headers: admin,
    });
    expect(deleted.statusCode).toBe(204);
  });

  it('never logs the client secret, codes or tokens', () => {
    const logs = capturedLogs.join('');
    expect(logs).not.toContain(clientSecret);
    expect(logs).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });
});
