import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { PhishingRouteOptions } from '../phishing.context.ts';
import {
  createSendingProfileInput,
  sendingProfileList,
  sendingProfileView,
  testEmailInput,
  testEmailResult,
  updateSendingProfileInput,
} from './sending.schema.ts';
import { createSendingProfiles } from './sending.service.ts';

const tags = ['phishing'];

/** Sending profiles: the SMTP servers simulations go out through (docs/phishing/sending.md). */
export async function sendingRoutes(instance: FastifyInstance, options: PhishingRouteOptions): Promise<void> {
  const app = typed(instance);
  const profiles = createSendingProfiles(options.deps, options.secrets, options.config);

  app.get('/phishing/sending-profiles', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.sendingProfiles.list',
      tags,
      response: { 200: sendingProfileList, ...errorResponses },
    },
    handler: (request) => profiles.list(request),
  });
  app.post('/phishing/sending-profiles', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.sendingProfiles.create',
      tags,
      body: createSendingProfileInput,
      response: { 201: sendingProfileView, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await profiles.create(request, request.body)),
  });
  app.get('/phishing/sending-profiles/:id', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.sendingProfiles.get',
      tags,
      params: idParams,
      response: { 200: sendingProfileView, ...errorResponses },
    },
    handler: (request) => profiles.get(request, request.params.id),
  });
  app.patch('/phishing/sending-profiles/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.sendingProfiles.update',
      tags,
      params: idParams,
      body: updateSendingProfileInput,
      response: { 200: sendingProfileView, ...errorResponses },
    },
    handler: (request) => profiles.update(request, request.params.id, request.body),
  });
  app.delete('/phishing/sending-profiles/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.sendingProfiles.delete',
      tags,
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await profiles.remove(request, request.params.id);
      return reply.status(204).send(null);
    },
  });
  app.post('/phishing/sending-profiles/:id/test', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.sendingProfiles.test',
      tags,
      description: 'Sends one test email through the profile; answers the SMTP server’s reply or error.',
      params: idParams,
      body: testEmailInput,
      response: { 200: testEmailResult, ...errorResponses },
    },
    handler: (request) => profiles.sendTest(request, request.params.id, request.body),
  });
}
