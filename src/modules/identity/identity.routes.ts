import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../platform/context.ts';
import { access, errorResponses, typed } from '../../platform/http/routes.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { clientOf, setSessionCookie, userOf } from './identity.http.ts';
import {
  acceptLinkInput,
  changePasswordInput,
  createdTokenView,
  createdUserView,
  createTokenInput,
  createUserInput,
  enrolView,
  meView,
  mfaCodeInput,
  recoveryCodesView,
  sessionView,
  setupInput,
  signInInput,
  signInResult,
  tokenView,
  updateUserInput,
  userView,
} from './identity.schema.ts';
import { type Identity, sessionCookie } from './identity.service.ts';
import * as admin from './identity-admin.service.ts';

const tags = ['identity'];

export async function identityRoutes(
  instance: FastifyInstance,
  { deps, identity }: { deps: ServiceDeps; identity: Identity },
): Promise<void> {
  const app = typed(instance);
  const signedIn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    result: Awaited<ReturnType<Identity['signIn']>>,
  ) => {
    setSessionCookie(request, reply, result.token, result.session.expiresAt);
    return { user: result.user, csrfToken: result.session.csrfToken, mfa: result.mfa };
  };

  app.get('/setup', {
    config: access('public', 'public'),
    schema: {
      operationId: 'setup.status',
      tags,
      response: { 200: z.object({ needed: z.boolean() }), ...errorResponses },
    },
    handler: async () => ({ needed: await identity.setupNeeded() }),
  });
  app.post('/setup', {
    config: { ...access('public', 'public'), rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      operationId: 'setup.create',
      tags,
      body: setupInput,
      response: { 201: signInResult, ...errorResponses },
    },
    handler: async (request, reply) => {
      await identity.createFirstAdmin(request.body);
      const result = await identity.signIn(request.body, clientOf(request));
      return reply.status(201).send(await signedIn(request, reply, result));
    },
  });
  app.post('/auth/sign-in', {
    config: { ...access('public', 'public'), rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      operationId: 'auth.signIn',
      tags,
      body: signInInput,
      response: { 200: signInResult, ...errorResponses },
    },
    handler: async (request, reply) =>
      signedIn(request, reply, await identity.signIn(request.body, clientOf(request))),
  });
  app.post('/auth/setup-link', {
    config: { ...access('public', 'public'), rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      operationId: 'auth.acceptSetupLink',
      tags,
      body: acceptLinkInput,
      response: { 200: signInResult, ...errorResponses },
    },
    handler: async (request, reply) =>
      signedIn(
        request,
        reply,
        await identity.acceptSetupLink(request.body.token, request.body.password, clientOf(request)),
      ),
  });

  app.get('/me', {
    config: access('self', 'self', { beforeMfa: true }),
    schema: { operationId: 'me.get', tags, response: { 200: meView, ...errorResponses } },
    handler: async (request) => {
      const principal = userOf(request);
      return admin.me(deps, principal);
    },
  });
  app.post('/auth/sign-out', {
    config: access('self', 'self', { beforeMfa: true }),
    schema: { operationId: 'auth.signOut', tags, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await identity.signOut(userOf(request).sessionId, userOf(request).userId);
      void reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  });
  app.post('/auth/sign-out-everywhere', {
    config: access('self', 'self'),
    schema: {
      operationId: 'auth.signOutEverywhere',
      tags,
      response: { 200: z.object({ ended: z.number() }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const ended = await identity.signOutEverywhere(userOf(request).userId);
      void reply.clearCookie(sessionCookie, { path: '/' });
      return { ended };
    },
  });
  app.get('/auth/sessions', {
    config: access('self', 'self'),
    schema: {
      operationId: 'auth.sessions',
      tags,
      response: { 200: z.object({ items: z.array(sessionView) }), ...errorResponses },
    },
    handler: async (request) => {
      const principal = userOf(request);
      return { items: await identity.listSessions(principal.userId, principal.sessionId) };
    },
  });
  app.delete('/auth/sessions/:id', {
    config: access('self', 'self'),
    schema: {
      operationId: 'auth.endSession',
      tags,
      params: z.strictObject({
        id: z.string().regex(/^[0-9a-f]{16}$/, 'must be a session id from the list'),
      }),
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await identity.revokeOwnSession(userOf(request).userId, request.params.id);
      return reply.status(204).send(null);
    },
  });
  app.post('/auth/password', {
    config: access('self', 'self'),
    schema: {
      operationId: 'auth.changePassword',
      tags,
      body: changePasswordInput,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const principal = userOf(request);
      await identity.changePassword(
        principal.userId,
        principal.sessionId,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  });
  app.post('/auth/mfa/enrol', {
    config: access('self', 'self', { beforeMfa: true }),
    schema: { operationId: 'auth.mfaEnrol', tags, response: { 200: enrolView, ...errorResponses } },
    handler: async (request) => identity.beginMfaEnrolment(userOf(request).userId),
  });
  app.post('/auth/mfa/enrol/confirm', {
    config: access('self', 'self', { beforeMfa: true }),
    schema: {
      operationId: 'auth.mfaConfirm',
      tags,
      body: mfaCodeInput,
      response: { 200: recoveryCodesView, ...errorResponses },
    },
    handler: async (request) => {
      const principal = userOf(request);
      return {
        recoveryCodes: await identity.confirmMfaEnrolment(
          principal.userId,
          principal.sessionId,
          request.body.code,
        ),
      };
    },
  });
  app.post('/auth/mfa/verify', {
    config: {
      ...access('self', 'self', { beforeMfa: true }),
      rateLimit: { max: 20, timeWindow: '1 minute' },
    },
    schema: {
      operationId: 'auth.mfaVerify',
      tags,
      body: mfaCodeInput,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const principal = userOf(request);
      await identity.verifyMfa(principal.userId, principal.sessionId, request.body.code);
      return reply.status(204).send(null);
    },
  });

  app.get('/users', {
    config: access('users:read'),
    schema: {
      operationId: 'users.list',
      tags,
      response: { 200: z.object({ items: z.array(userView) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await admin.listUsers(deps, request) }),
  });
  app.post('/users', {
    config: access('users:write'),
    schema: {
      operationId: 'users.create',
      tags,
      body: createUserInput,
      response: { 201: createdUserView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await admin.createUser(deps, identity, request, userOf(request), request.body)),
  });
  app.get('/users/:id', {
    config: access('users:read'),
    schema: {
      operationId: 'users.get',
      tags,
      params: idParams,
      response: { 200: userView, ...errorResponses },
    },
    handler: async (request) => admin.getUser(deps, request, request.params.id),
  });
  app.patch('/users/:id', {
    config: access('users:write'),
    schema: {
      operationId: 'users.update',
      tags,
      params: idParams,
      body: updateUserInput,
      response: { 200: userView, ...errorResponses },
    },
    handler: async (request) =>
      admin.updateUser(deps, request, userOf(request), request.params.id, request.body),
  });
  app.post('/users/:id/sign-out', {
    config: access('users:write'),
    schema: {
      operationId: 'users.signOut',
      tags,
      params: idParams,
      response: { 200: z.object({ ended: z.number() }), ...errorResponses },
    },
    handler: async (request) => {
      await admin.getUser(deps, request, request.params.id);
      return { ended: await identity.signOutEverywhere(request.params.id) };
    },
  });

  app.get('/tokens', {
    config: access('tokens:read'),
    schema: {
      operationId: 'tokens.list',
      tags,
      response: { 200: z.object({ items: z.array(tokenView) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await admin.listTokens(deps, request) }),
  });
  app.post('/tokens', {
    config: access('tokens:write'),
    schema: {
      operationId: 'tokens.create',
      tags,
      body: createTokenInput,
      response: { 201: createdTokenView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await admin.createToken(deps, request, userOf(request), request.body)),
  });
  app.delete('/tokens/:id', {
    config: access('tokens:write'),
    schema: {
      operationId: 'tokens.revoke',
      tags,
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await admin.revokeToken(deps, request, request.params.id);
      return reply.status(204).send(null);
    },
  });
}
