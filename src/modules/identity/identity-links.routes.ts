import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../platform/context.ts';
import { access, errorResponses, typed } from '../../platform/http/routes.ts';
import type { Mailer } from '../../platform/mail/index.ts';
import { clientOf, setSessionCookie } from './identity.http.ts';
import { emailInput, passwordInput, signInResult } from './identity.schema.ts';
import type { Identity } from './identity.service.ts';
import { createIdentityLinks } from './identity-links.service.ts';

const tags = ['identity'];

const linkRequestInput = z.strictObject({ email: emailInput });
const linkToken = z.string().trim().min(20).max(200);
const resetConfirmInput = z.strictObject({ token: linkToken, password: passwordInput });
const magicVerifyInput = z.strictObject({ token: linkToken });
const sentView = z.object({ sent: z.literal(true) });

/** Requests are cheap to make and send email, so they get a tighter per-address limit than sign-in. */
const requestLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };
const useLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** Password reset and staff sign-in by emailed one-time link. */
export async function identityLinkRoutes(
  instance: FastifyInstance,
  { deps, identity, mailer }: { deps: ServiceDeps; identity: Identity; mailer: Mailer },
): Promise<void> {
  const app = typed(instance);
  const service = createIdentityLinks(deps, identity, mailer);
  // The plugin owns the mailer: its pooled connections close with the app, after messages in flight.
  instance.addHook('onClose', () => mailer.close());

  app.post('/auth/password-reset', {
    config: { ...access('public', 'public'), ...requestLimit },
    schema: {
      operationId: 'auth.requestPasswordReset',
      tags,
      body: linkRequestInput,
      response: { 202: sentView, ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.requestPasswordReset(request.body.email, clientOf(request));
      return reply.status(202).send({ sent: true });
    },
  });
  app.post('/auth/password-reset/confirm', {
    config: { ...access('public', 'public'), ...useLimit },
    schema: {
      operationId: 'auth.confirmPasswordReset',
      tags,
      body: resetConfirmInput,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.confirmPasswordReset(request.body.token, request.body.password, clientOf(request));
      return reply.status(204).send(null);
    },
  });
  app.post('/auth/magic-link', {
    config: { ...access('public', 'public'), ...requestLimit },
    schema: {
      operationId: 'auth.requestMagicLink',
      tags,
      body: linkRequestInput,
      response: { 202: sentView, ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.requestMagicLink(request.body.email, clientOf(request));
      return reply.status(202).send({ sent: true });
    },
  });
  app.post('/auth/magic-link/verify', {
    config: { ...access('public', 'public'), ...useLimit },
    schema: {
      operationId: 'auth.verifyMagicLink',
      tags,
      body: magicVerifyInput,
      response: { 200: signInResult, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await service.verifyMagicLink(request.body.token, clientOf(request));
      setSessionCookie(request, reply, result.token, result.session.expiresAt);
      return { user: result.user, csrfToken: result.session.csrfToken, mfa: result.mfa };
    },
  });
}
