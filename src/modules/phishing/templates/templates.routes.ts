import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import type { PhishingRouteOptions } from '../phishing.context.ts';
import * as pages from './landing-pages.service.ts';
import {
  createLandingPageInput,
  createTemplateInput,
  importEmlQuery,
  importGophishQuery,
  importGophishResult,
  landingPageIdParams,
  landingPageList,
  landingPageView,
  listTemplatesQuery,
  templateIdParams,
  templateList,
  templateView,
  updateLandingPageInput,
  updateTemplateInput,
} from './templates.schema.ts';
import * as service from './templates.service.ts';

/** A raw message with its attachments; larger ones are rarely lures worth copying. */
export const emlBodyLimit = 5 * 1024 * 1024;
/** A GoPhish export of a few hundred templates and pages. */
export const gophishBodyLimit = 10 * 1024 * 1024;

const tags = ['phishing'];

export async function templatesRoutes(
  instance: FastifyInstance,
  { deps }: PhishingRouteOptions,
): Promise<void> {
  const app = typed(instance);
  app.addContentTypeParser(
    'message/rfc822',
    { parseAs: 'buffer', bodyLimit: emlBodyLimit },
    (_request, body, done) => done(null, body),
  );

  app.get('/phishing/templates', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishingTemplates.list',
      tags,
      description: 'The built-in lures and the DSO’s own templates (without their HTML).',
      querystring: listTemplatesQuery,
      response: { 200: templateList, ...errorResponses },
    },
    handler: (request) => service.listTemplates(deps, request, request.query),
  });
  app.post('/phishing/templates', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishingTemplates.create',
      tags,
      body: createTemplateInput,
      response: { 201: templateView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createTemplate(deps, request, request.body)),
  });
  app.post('/phishing/templates/import-eml', {
    config: access('phishing:write'),
    bodyLimit: emlBodyLimit,
    schema: {
      operationId: 'phishingTemplates.importEml',
      tags,
      description: 'Creates a draft template from a raw email (content-type message/rfc822, at most 5 MB).',
      querystring: importEmlQuery,
      response: { 201: templateView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.importEml(deps, request, request.body as Buffer, request.query)),
  });
  app.post('/phishing/templates/import-gophish', {
    config: access('phishing:write'),
    bodyLimit: gophishBodyLimit,
    schema: {
      operationId: 'phishingTemplates.importGophish',
      tags,
      description:
        'Imports GoPhish templates and pages (JSON of its API: an object, an array, or {templates, pages, groups}); groups are matched to people by email.',
      querystring: importGophishQuery,
      body: z.unknown(),
      response: { 200: importGophishResult, ...errorResponses },
    },
    handler: (request) => service.importGophish(deps, request, request.body, request.query),
  });
  app.get('/phishing/templates/:id', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishingTemplates.get',
      tags,
      params: templateIdParams,
      response: { 200: templateView, ...errorResponses },
    },
    handler: (request) => service.getTemplate(deps, request, request.params.id),
  });
  app.patch('/phishing/templates/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishingTemplates.update',
      tags,
      params: templateIdParams,
      body: updateTemplateInput,
      response: { 200: templateView, ...errorResponses },
    },
    handler: (request) => service.updateTemplate(deps, request, request.params.id, request.body),
  });
  app.delete('/phishing/templates/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishingTemplates.delete',
      tags,
      params: templateIdParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.deleteTemplate(deps, request, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/phishing/landing-pages', {
    config: access('phishing:read'),
    schema: {
      operationId: 'landingPages.list',
      tags,
      response: { 200: landingPageList, ...errorResponses },
    },
    handler: (request) => pages.listLandingPages(deps, request),
  });
  app.post('/phishing/landing-pages', {
    config: access('phishing:write'),
    schema: {
      operationId: 'landingPages.create',
      tags,
      body: createLandingPageInput,
      response: { 201: landingPageView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await pages.createLandingPage(deps, request, request.body)),
  });
  app.get('/phishing/landing-pages/:id', {
    config: access('phishing:read'),
    schema: {
      operationId: 'landingPages.get',
      tags,
      params: landingPageIdParams,
      response: { 200: landingPageView, ...errorResponses },
    },
    handler: (request) => pages.getLandingPage(deps, request, request.params.id),
  });
  app.patch('/phishing/landing-pages/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'landingPages.update',
      tags,
      params: landingPageIdParams,
      body: updateLandingPageInput,
      response: { 200: landingPageView, ...errorResponses },
    },
    handler: (request) => pages.updateLandingPage(deps, request, request.params.id, request.body),
  });
  app.delete('/phishing/landing-pages/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'landingPages.delete',
      tags,
      params: landingPageIdParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await pages.deleteLandingPage(deps, request, request.params.id);
      return reply.status(204).send(null);
    },
  });
}
