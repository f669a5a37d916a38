import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../platform/context.ts';
import { access, errorResponses, typed } from '../../platform/http/routes.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { clientOf, setSessionCookie, userOf } from './identity.http.ts';
import { signInResult } from './identity.schema.ts';
import type { Identity } from './identity.service.ts';
import {
  authenticateVerifyInput,
  passkeyView,
  registerVerifyInput,
  webauthnOptionsView,
} from './identity-passkeys.schema.ts';
import { createPasskeys } from './identity-passkeys.service.ts';

const tags = ['identity'];
const verifyLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** The library's options, typed as the loose view the response schema declares. */
function asOptions(options: { challenge: string }): z.infer<typeof webauthnOptionsView> {
  return options as z.infer<typeof webauthnOptionsView>;
}

/** WebAuthn passkeys: managed on the profile, accepted as the MFA step, and for passwordless sign-in. */
export async function passkeyRoutes(
  instance: FastifyInstance,
  { deps, identity }: { deps: ServiceDeps; identity: Identity },
): Promise<void> {
  const app = typed(instance);
  const passkeys = createPasskeys(deps, identity);

  app.get('/auth/passkeys', {
    config: access('self', 'self'),
    schema: {
      operationId: 'auth.passkeys.list',
      tags,
      response: { 200: z.object({ items: z.array(passkeyView) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await passkeys.list(userOf(request).userId) }),
  });
  app.post('/auth/passkeys/register/options', {
    config: access('self', 'self'),
    schema: {
      operationId: 'auth.passkeys.registerOptions',
      tags,
      response: { 200: webauthnOptionsView, ...errorResponses },
    },
    handler: async (request) => asOptions(await passkeys.registrationOptions(userOf(request).userId)),
  });
  app.post('/auth/passkeys/register/verify', {
    config: { ...access('self', 'self'), ...verifyLimit },
    schema: {
      operationId: 'auth.passkeys.register',
      tags,
      body: registerVerifyInput,
      response: { 201: passkeyView, ...errorResponses },
    },
    handler: async (request, reply) => {
      const created = await passkeys.register(
        userOf(request).userId,
        { name: request.body.name, response: request.body.response as RegistrationResponseJSON },
        clientOf(request),
      );
      return reply.status(201).send(created);
    },
  });
  app.delete('/auth/passkeys/:id', {
    config: access('self', 'self'),
    schema: {
      operationId: 'auth.passkeys.remove',
      tags,
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await passkeys.remove(userOf(request).userId, request.params.id, clientOf(request));
      return reply.status(204).send(null);
    },
  });
  app.post('/auth/passkeys/mfa/options', {
    config: access('self', 'self', { beforeMfa: true }),
    schema: {
      operationId: 'auth.passkeys.mfaOptions',
      tags,
      response: { 200: webauthnOptionsView, ...errorResponses },
    },
    handler: async (request) => asOptions(await passkeys.mfaOptions(userOf(request).userId)),
  });
  app.post('/auth/passkeys/mfa/verify', {
    config: { ...access('self', 'self', { beforeMfa: true }), ...verifyLimit },
    schema: {
      operationId: 'auth.passkeys.mfaVerify',
      tags,
      body: authenticateVerifyInput,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const principal = userOf(request);
      await passkeys.verifyMfa(
        principal.userId,
        principal.sessionId,
        request.body.response as AuthenticationResponseJSON,
        clientOf(request),
      );
      return reply.status(204).send(null);
    },
  });
  app.post('/auth/passkeys/sign-in/options', {
    config: { ...access('public', 'public'), ...verifyLimit },
    schema: {
      operationId: 'auth.passkeys.signInOptions',
      tags,
      response: { 200: webauthnOptionsView, ...errorResponses },
    },
    handler: async () => asOptions(await passkeys.signInOptions()),
  });
  app.post('/auth/passkeys/sign-in/verify', {
    config: { ...access('public', 'public'), ...verifyLimit },
    schema: {
      operationId: 'auth.passkeys.signIn',
      tags,
      body: authenticateVerifyInput,
      response: { 200: signInResult, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await passkeys.signIn(
        request.body.response as AuthenticationResponseJSON,
        clientOf(request),
      );
      setSessionCookie(request, reply, result.token, result.session.expiresAt);
      return { user: result.user, csrfToken: result.session.csrfToken, mfa: result.mfa };
    },
  });
}
