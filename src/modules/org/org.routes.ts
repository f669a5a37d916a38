import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, errorResponses, type RouteOptions, typed } from '../../platform/http/routes.ts';
import { idParams } from '../../platform/http/schemas.ts';
import {
  createPracticeInput,
  createRegionInput,
  dsoView,
  listPracticesQuery,
  listRegionsQuery,
  practiceList,
  practiceView,
  regionList,
  regionView,
  summaryView,
  updateDsoInput,
  updatePracticeInput,
  updateRegionInput,
} from './org.schema.ts';
import * as service from './org.service.ts';

export async function orgRoutes(instance: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const app = typed(instance);

  app.get('/dso', {
    config: access('dsos:read'),
    schema: {
      operationId: 'dso.get',
      tags: ['organisation'],
      description: "The caller's DSO.",
      response: { 200: dsoView, ...errorResponses },
    },
    handler: (request) => service.getDso(deps, request.dsoId),
  });
  app.patch('/dso', {
    config: access('dsos:write'),
    schema: {
      operationId: 'dso.update',
      tags: ['organisation'],
      body: updateDsoInput,
      response: { 200: dsoView, ...errorResponses },
    },
    handler: (request) => service.updateDso(deps, request.dsoId, request.body, request.actor),
  });

  app.get('/regions', {
    config: access('regions:read'),
    schema: {
      operationId: 'regions.list',
      tags: ['organisation'],
      querystring: listRegionsQuery,
      response: { 200: regionList, ...errorResponses },
    },
    handler: (request) => service.listRegions(deps, request, request.query),
  });
  app.post('/regions', {
    config: access('regions:write'),
    schema: {
      operationId: 'regions.create',
      tags: ['organisation'],
      body: createRegionInput,
      response: { 201: regionView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createRegion(deps, request, request.body)),
  });
  app.get('/regions/:id', {
    config: access('regions:read'),
    schema: {
      operationId: 'regions.get',
      tags: ['organisation'],
      params: idParams,
      response: { 200: regionView, ...errorResponses },
    },
    handler: (request) => service.getRegion(deps, request, request.params.id),
  });
  app.patch('/regions/:id', {
    config: access('regions:write'),
    schema: {
      operationId: 'regions.update',
      tags: ['organisation'],
      params: idParams,
      body: updateRegionInput,
      response: { 200: regionView, ...errorResponses },
    },
    handler: (request) => service.updateRegion(deps, request, request.params.id, request.body),
  });
  app.delete('/regions/:id', {
    config: access('regions:write'),
    schema: {
      operationId: 'regions.delete',
      tags: ['organisation'],
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.deleteRegion(deps, request, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/summary', {
    config: access('practices:read'),
    schema: {
      operationId: 'summary.get',
      tags: ['organisation'],
      response: { 200: summaryView, ...errorResponses },
    },
    handler: (request) => service.summary(deps, request),
  });

  app.get('/practices', {
    config: access('practices:read'),
    schema: {
      operationId: 'practices.list',
      tags: ['organisation'],
      querystring: listPracticesQuery,
      response: { 200: practiceList, ...errorResponses },
    },
    handler: (request) => service.listPractices(deps, request, request.query),
  });
  app.post('/practices', {
    config: access('practices:write'),
    schema: {
      operationId: 'practices.create',
      tags: ['organisation'],
      body: createPracticeInput,
      response: { 201: practiceView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createPractice(deps, request, request.body)),
  });
  app.get('/practices/:id', {
    config: access('practices:read'),
    schema: {
      operationId: 'practices.get',
      tags: ['organisation'],
      params: idParams,
      response: { 200: practiceView, ...errorResponses },
    },
    handler: (request) => service.getPractice(deps, request, request.params.id),
  });
  app.patch('/practices/:id', {
    config: access('practices:write'),
    schema: {
      operationId: 'practices.update',
      tags: ['organisation'],
      params: idParams,
      body: updatePracticeInput,
      response: { 200: practiceView, ...errorResponses },
    },
    handler: (request) => service.updatePractice(deps, request, request.params.id, request.body),
  });
}
