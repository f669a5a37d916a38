import type { FastifyInstance } from 'fastify';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { ComplianceRouteOptions } from '../compliance.context.ts';
import * as remediation from './remediation.service.ts';
import { proposeRisks } from './risk-proposals.service.ts';
import {
  acceptRiskInput,
  createRiskInput,
  createTaskInput,
  listRisksQuery,
  listTasksQuery,
  matrixQuery,
  ownerOptions,
  proposeResult,
  riskList,
  riskMatrix,
  riskView,
  taskList,
  taskView,
  updateRiskInput,
  updateTaskInput,
} from './risks.schema.ts';
import * as service from './risks.service.ts';

/** The risk register and the remediation plan (docs/compliance/risks.md). */
export async function risksRoutes(
  instance: FastifyInstance,
  { deps }: ComplianceRouteOptions,
): Promise<void> {
  const app = typed(instance);
  const tags = ['compliance'];

  app.get('/compliance/risks', {
    config: access('compliance:read'),
    schema: {
      operationId: 'risks.list',
      tags,
      querystring: listRisksQuery,
      response: { 200: riskList, ...errorResponses },
    },
    handler: (request) => service.listRisks(deps, request, request.query),
  });
  app.post('/compliance/risks', {
    config: access('compliance:write'),
    schema: {
      operationId: 'risks.create',
      tags,
      body: createRiskInput,
      response: { 201: riskView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createRisk(deps, request, request.body)),
  });
  app.get('/compliance/risks/matrix', {
    config: access('compliance:read'),
    schema: {
      operationId: 'risks.matrix',
      tags,
      querystring: matrixQuery,
      response: { 200: riskMatrix, ...errorResponses },
    },
    handler: (request) => service.riskMatrix(deps, request, request.query.practiceId),
  });
  app.post('/compliance/risks/propose', {
    config: access('compliance:write'),
    schema: {
      operationId: 'risks.propose',
      tags,
      description: 'Proposes risks from every questionnaire answer that is not the best option; idempotent.',
      response: { 200: proposeResult, ...errorResponses },
    },
    handler: (request) => proposeRisks(deps, request),
  });
  app.get('/compliance/risks/:id', {
    config: access('compliance:read'),
    schema: {
      operationId: 'risks.get',
      tags,
      params: idParams,
      response: { 200: riskView, ...errorResponses },
    },
    handler: (request) => service.getRisk(deps, request, request.params.id),
  });
  app.patch('/compliance/risks/:id', {
    config: access('compliance:write'),
    schema: {
      operationId: 'risks.update',
      tags,
      params: idParams,
      body: updateRiskInput,
      response: { 200: riskView, ...errorResponses },
    },
    handler: (request) => service.updateRisk(deps, request, request.params.id, request.body),
  });
  app.post('/compliance/risks/:id/accept', {
    config: access('compliance:approve'),
    schema: {
      operationId: 'risks.accept',
      tags,
      params: idParams,
      body: acceptRiskInput,
      response: { 200: riskView, ...errorResponses },
    },
    handler: (request) => service.acceptRisk(deps, request, request.params.id, request.body),
  });
  app.get('/compliance/risk-owners', {
    config: access('compliance:read'),
    schema: {
      operationId: 'risks.owners',
      tags,
      description: 'Users who may own a risk or a remediation task.',
      response: { 200: ownerOptions, ...errorResponses },
    },
    handler: (request) => service.listOwnerOptions(deps, request),
  });

  app.get('/compliance/tasks', {
    config: access('compliance:read'),
    schema: {
      operationId: 'remediationTasks.list',
      tags,
      querystring: listTasksQuery,
      response: { 200: taskList, ...errorResponses },
    },
    handler: (request) => remediation.listTasks(deps, request, request.query),
  });
  app.post('/compliance/tasks', {
    config: access('compliance:write'),
    schema: {
      operationId: 'remediationTasks.create',
      tags,
      body: createTaskInput,
      response: { 201: taskView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await remediation.createTask(deps, request, request.body)),
  });
  app.get('/compliance/tasks/:id', {
    config: access('compliance:read'),
    schema: {
      operationId: 'remediationTasks.get',
      tags,
      params: idParams,
      response: { 200: taskView, ...errorResponses },
    },
    handler: (request) => remediation.getTask(deps, request, request.params.id),
  });
  app.patch('/compliance/tasks/:id', {
    config: access('compliance:write'),
    schema: {
      operationId: 'remediationTasks.update',
      tags,
      params: idParams,
      body: updateTaskInput,
      response: { 200: taskView, ...errorResponses },
    },
    handler: (request) => remediation.updateTask(deps, request, request.params.id, request.body),
  });
}
