import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.ts';
import { buildDso, testDeps } from '../factories/org.ts';
import { createTestApp, type TestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

const publicUrl = 'https://enamel.bright.example';

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A made-up authenticator answer: the challenge is real, the signature is not. */
function forgedAssertion(challenge: string, credentialId = b64url('no-such-credential')) {
  const clientData = { type: 'webauthn.get', challenge, origin: publicUrl, crossOrigin: false };
  return {
    id: credentialId,
    rawId: credentialId,
    type: 'public-key',
    response: {
      clientDataJSON: b64url(JSON.stringify(clientData)),
      authenticatorData: b64url(Buffer.alloc(37, 1)),
      signature: b64url(Buffer.alloc(64, 2)),
    },
    clientExtensionResults: {},
  };
}

function forgedAttestation(challenge: string) {
  const clientData = { type: 'webauthn.create', challenge, origin: publicUrl, crossOrigin: false };
  return {
    id: b64url('forged'),
    rawId: b64url('forged'),
    type: 'public-key',
    response: {
      clientDataJSON: b64url(JSON.stringify(clientData)),
      attestationObject: b64url(Buffer.from('a3636e6f6e65', 'hex')),
      transports: ['internal'],
    },
    clientExtensionResults: {},
  };
}

describeEachDialect('passkeys: WebAuthn registration, MFA and sign-in', (get) => {
  let test: TestApp;
  let app: FastifyInstance;
  let alice: AuthHeaders;
  let bob: AuthHeaders;
  let bobId = '';
  let dsoId = '';

  const idOf = async (headers: AuthHeaders) =>
    (await app.inject({ url: '/api/v1/me', headers })).json().user.id as string;

  async function insertPasskey(userId: string, credentialId: string) {
    const id = newId();
    await get()
      .handle.db.insertInto('passkeys')
      .values({
        id,
        userId,
        dsoId,
        credentialId,
        publicKey: b64url('not a real key'),
        counter: 0,
        transports: '["internal"]',
        name: 'Laptop',
        createdAt: '2026-11-02T15:00:00.000Z',
        lastUsedAt: null,
      })
      .execute();
    return id;
  }

  beforeAll(async () => {
    test = await createTestApp(get().handle, { ENAMEL_PUBLIC_URL: publicUrl });
    app = test.app;
    dsoId = (await buildDso(testDeps(get().handle))).id;
    alice = await authAs(get().handle, dsoId, 'dso_admin');
    bob = await authAs(get().handle, dsoId, 'security_officer');
    bobId = await idOf(bob);
  });

  it('offers registration options bound to the public URL, requiring user verification', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/options',
      headers: alice,
    });
    expect(response.statusCode).toBe(200);
    const options = response.json();
    expect(options).toMatchObject({
      rp: { id: 'enamel.bright.example', name: 'Enamel' },
      user: { name: expect.stringContaining('@users.example') },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      excludeCredentials: [],
    });
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect((await app.inject({ url: '/api/v1/auth/passkeys', headers: alice })).json()).toEqual({
      items: [],
    });
  });

  it('offers sign-in options to anyone, naming no account', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/sign-in/options' });
    expect(response.statusCode).toBe(200);
    const options = response.json();
    expect(options).toMatchObject({ rpId: 'enamel.bright.example', userVerification: 'required' });
    expect(options.allowCredentials ?? []).toEqual([]);
  });

  it('refuses a forged answer, and each challenge answers once', async () => {
    const { challenge } = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/sign-in/options' })
    ).json();
    const forged = forgedAssertion(challenge);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/sign-in/verify',
      payload: { response: forged },
    });
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('PASSKEY_INVALID');
    expect(first.headers['set-cookie']).toBeUndefined();
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/sign-in/verify',
      payload: { response: forged },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
  });

  it('refuses a bad signature by a registered passkey, and records the failure', async () => {
    const credentialId = b64url(`cred-${get().dialect}-bob`);
    await insertPasskey(bobId, credentialId);
    const { challenge } = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/sign-in/options' })
    ).json();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/sign-in/verify',
      payload: { response: forgedAssertion(challenge, credentialId) },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('PASSKEY_INVALID');
    const events = await get()
      .handle.db.selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'auth.passkeySignIn')
      .where('actorId', '=', bobId)
      .execute();
    expect(events.map((event) => event.outcome)).toEqual(['failed']);
    expect(JSON.stringify(events)).not.toContain(credentialId);
  });

  it('refuses unknown challenges, a challenge of another kind, and malformed answers', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/sign-in/verify',
      payload: { response: forgedAssertion(b64url('never issued')) },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');

    const { challenge } = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/register/options', headers: alice })
    ).json();
    const crossKind = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/sign-in/verify',
      payload: { response: forgedAssertion(challenge) },
    });
    expect(crossKind.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
    // Another user cannot answer Alice's registration challenge either.
    const crossUser = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/verify',
      headers: bob,
      payload: { response: forgedAttestation(challenge) },
    });
    expect(crossUser.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
    const forged = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/verify',
      headers: alice,
      payload: { name: 'Forged', response: forgedAttestation(challenge) },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('PASSKEY_INVALID');

    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/sign-in/verify',
      payload: { response: { id: 'x', type: 'password' } },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    expect((await app.inject({ url: '/api/v1/auth/passkeys', headers: alice })).json().items).toEqual([]);
  });

  it('offers MFA options with only the caller’s passkeys, and 409 without any', async () => {
    const none = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/mfa/options',
      headers: alice,
    });
    expect(none.statusCode).toBe(409);
    const mine = await app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/mfa/options', headers: bob });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().allowCredentials).toEqual([
      { id: b64url(`cred-${get().dialect}-bob`), type: 'public-key', transports: ['internal'] },
    ]);
  });

  it("lists only the caller's passkeys, and another user's cannot be removed (404)", async () => {
    const [bobsKey] = (await app.inject({ url: '/api/v1/auth/passkeys', headers: bob })).json().items;
    expect(bobsKey).toMatchObject({ name: 'Laptop', transports: ['internal'], lastUsedAt: null });
    const stolen = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/passkeys/${bobsKey.id}`,
      headers: alice,
    });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('NOT_FOUND');
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/passkeys/${bobsKey.id}`,
      headers: bob,
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/passkeys', headers: bob })).json().items).toEqual([]);
  });

  it('lets a challenge expire after 5 minutes', async () => {
    const { challenge } = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/sign-in/options' })
    ).json();
    test.clock.advance(5 * 60_000 + 1_000);
    const late = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/sign-in/verify',
      payload: { response: forgedAssertion(challenge) },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
  });
});
