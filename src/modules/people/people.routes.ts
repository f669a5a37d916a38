import type { FastifyInstance } from 'fastify';
import { access, errorResponses, type RouteOptions, typed } from '../../platform/http/routes.ts';
import { idParams } from '../../platform/http/schemas.ts';
import {
  createPersonInput,
  importQuery,
  importResult,
  listPeopleQuery,
  personList,
  personView,
  updatePersonInput,
} from './people.schema.ts';
import * as service from './people.service.ts';
import { importPeople } from './people-import.service.ts';

/** 50,000 rows of a wide HR export fit well inside this. */
export const importBodyLimit = 32 * 1024 * 1024;

export async function peopleRoutes(instance: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const app = typed(instance);
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: importBodyLimit },
    (_request, body, done) => done(null, body),
  );

  app.get('/people', {
    config: access('people:read'),
    schema: {
      operationId: 'people.list',
      tags: ['people'],
      querystring: listPeopleQuery,
      response: { 200: personList, ...errorResponses },
    },
    handler: (request) => service.listPeople(deps, request, request.query),
  });
  app.post('/people', {
    config: access('people:write'),
    schema: {
      operationId: 'people.create',
      tags: ['people'],
      body: createPersonInput,
      response: { 201: personView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createPerson(deps, request, request.body)),
  });
  app.get('/people/:id', {
    config: access('people:read'),
    schema: {
      operationId: 'people.get',
      tags: ['people'],
      params: idParams,
      response: { 200: personView, ...errorResponses },
    },
    handler: (request) => service.getPerson(deps, request, request.params.id),
  });
  app.patch('/people/:id', {
    config: access('people:write'),
    schema: {
      operationId: 'people.update',
      tags: ['people'],
      params: idParams,
      body: updatePersonInput,
      response: { 200: personView, ...errorResponses },
    },
    handler: (request) => service.updatePerson(deps, request, request.params.id, request.body),
  });
  app.post('/people/import', {
    config: access('people:import'),
    bodyLimit: importBodyLimit,
    schema: {
      operationId: 'people.import',
      tags: ['people'],
      description: 'Imports people from CSV (content-type text/csv). See the README for the columns.',
      querystring: importQuery,
      response: { 200: importResult, ...errorResponses },
    },
    handler: (request) =>
      importPeople(deps, request, request.body as Buffer, {
        dryRun: request.query.dryRun,
        terminateMissing: request.query.terminateMissing,
      }),
  });
}
