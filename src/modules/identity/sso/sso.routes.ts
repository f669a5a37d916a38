import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../../platform/context.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import { isAppError } from '../../../platform/errors.ts';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import { clientOf, setSessionCookie } from '../identity.http.ts';
import type { Identity } from '../identity.service.ts';
import {
  createProviderInput,
  providerView,
  signInOptionsQuery,
  signInOptionView,
  updateProviderInput,
} from './sso.schema.ts';
import { createSso, flowMinutes } from './sso.service.ts';
import { createSsoAdmin } from './sso-admin.service.ts';

const tags = ['sso'];
/** Binds a sign-in to the browser that started it; read only by the SSO routes. */
const flowCookie = 'enamel_sso';
const flowCookiePath = '/api/v1/auth/sso';
const browserRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const redirectResponse = z
  .null()
  .describe('302 to the provider, to / once signed in, or to /sign-in?error=CODE');

/**
 * Browser routes answer redirects, never JSON: a refusal goes to the sign-in page with a stable code
 * (docs/errors.md), and nothing from the provider's answer.
 */
function signInPageWith(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const code = isAppError(error) && error.code.startsWith('SSO_') ? error.code : 'INTERNAL';
  if (code === 'INTERNAL') request.log.error({ err: error }, 'single sign-on failed');
  return reply.redirect(`/sign-in?error=${code}`, 302);
}

export async function ssoRoutes(
  instance: FastifyInstance,
  { deps, identity, secrets }: { deps: ServiceDeps; identity: Identity; secrets: SecretBox },
): Promise<void> {
  const app = typed(instance);
  const sso = createSso(deps, identity, secrets);
  const admin = createSsoAdmin(deps, secrets, identity.settings.publicUrl);

  app.get('/auth/sso', {
    config: access('public', 'public'),
    schema: {
      operationId: 'sso.signInOptions',
      tags,
      querystring: signInOptionsQuery,
      response: { 200: z.object({ items: z.array(signInOptionView) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await sso.signInOptions(request.query.email) }),
  });
  app.get('/auth/sso/:id/start', {
    config: { ...access('public', 'public'), ...browserRateLimit },
    schema: {
      operationId: 'sso.start',
      tags,
      params: z.strictObject({ id: z.string().max(100) }),
      response: { 302: redirectResponse },
    },
    handler: async (request, reply) => {
      try {
        const { url, flowToken } = await sso.start(request.params.id, clientOf(request));
        void reply.setCookie(flowCookie, flowToken, {
          path: flowCookiePath,
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: flowMinutes * 60,
        });
        return reply.redirect(url, 302);
      } catch (error) {
        return signInPageWith(request, reply, error);
      }
    },
  });
  app.get('/auth/sso/:id/callback', {
    config: { ...access('public', 'public'), ...browserRateLimit },
    schema: {
      operationId: 'sso.callback',
      tags,
      params: z.strictObject({ id: z.string().max(100) }),
      response: { 302: redirectResponse },
    },
    handler: async (request, reply) => {
      void reply.clearCookie(flowCookie, { path: flowCookiePath });
      try {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const result = await sso.finish(
          request.params.id,
          request.cookies[flowCookie],
          query,
          clientOf(request),
        );
        setSessionCookie(request, reply, result.token, result.session.expiresAt);
        return reply.redirect('/', 302);
      } catch (error) {
        return signInPageWith(request, reply, error);
      }
    },
  });

  app.get('/sso/providers', {
    config: access('sso:read'),
    schema: {
      operationId: 'sso.providers.list',
      tags,
      response: { 200: z.object({ items: z.array(providerView) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await admin.list(request) }),
  });
  app.post('/sso/providers', {
    config: access('sso:write'),
    schema: {
      operationId: 'sso.providers.create',
      tags,
      body: createProviderInput,
      response: { 201: providerView, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await admin.create(request, request.body)),
  });
  app.patch('/sso/providers/:id', {
    config: access('sso:write'),
    schema: {
      operationId: 'sso.providers.update',
      tags,
      params: idParams,
      body: updateProviderInput,
      response: { 200: providerView, ...errorResponses },
    },
    handler: async (request) => admin.update(request, request.params.id, request.body),
  });
  app.delete('/sso/providers/:id', {
    config: access('sso:write'),
    schema: {
      operationId: 'sso.providers.delete',
      tags,
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await admin.remove(request, request.params.id);
      return reply.status(204).send(null);
    },
  });
}
