import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { ComplianceRouteOptions } from '../compliance.context.ts';
import {
  answerList,
  answerParams,
  answerView,
  applyAnswerInput,
  applyAnswerResult,
  heatmapQuery,
  heatmapView,
  progressView,
  questionnaireView,
  scopeAssessmentView,
  scopeQuery,
  setAnswerInput,
} from './assessment.schema.ts';
import * as service from './assessment.service.ts';
import { computeHeatmap } from './heatmap.service.ts';

const tags = ['compliance'];

export async function assessmentRoutes(
  instance: FastifyInstance,
  { deps }: ComplianceRouteOptions,
): Promise<void> {
  const app = typed(instance);

  app.get('/compliance/questionnaire', {
    config: access('compliance:read'),
    schema: {
      operationId: 'compliance.questionnaire.get',
      tags,
      response: { 200: questionnaireView, ...errorResponses },
    },
    handler: async () => service.getQuestionnaire(),
  });
  app.get('/compliance/answers', {
    config: access('compliance:read'),
    schema: {
      operationId: 'compliance.answers.list',
      tags,
      description: 'The answers given at exactly this scope (not what it inherits).',
      querystring: scopeQuery,
      response: { 200: answerList, ...errorResponses },
    },
    handler: (request) => service.listAnswers(deps, request, request.query),
  });
  app.put('/compliance/answers/:scopeType/:scopeId/:questionId', {
    config: access('compliance:write'),
    schema: {
      operationId: 'compliance.answers.set',
      tags,
      params: answerParams,
      body: setAnswerInput,
      response: { 200: answerView, ...errorResponses },
    },
    handler: (request) => service.setAnswer(deps, request, request.params, request.body),
  });
  app.delete('/compliance/answers/:scopeType/:scopeId/:questionId', {
    config: access('compliance:write'),
    schema: {
      operationId: 'compliance.answers.clear',
      tags,
      description: 'Removes the answer at this scope, so it inherits again.',
      params: answerParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.clearAnswer(deps, request, request.params);
      return reply.status(204).send(null);
    },
  });
  app.post('/compliance/answers/apply', {
    config: access('compliance:write'),
    schema: {
      operationId: 'compliance.answers.apply',
      tags,
      description: 'Gives the same answer at practice level to each of the practices listed.',
      body: applyAnswerInput,
      response: { 200: applyAnswerResult, ...errorResponses },
    },
    handler: (request) => service.applyAnswer(deps, request, request.body),
  });
  app.get('/compliance/assessment', {
    config: access('compliance:read'),
    schema: {
      operationId: 'compliance.assessment.get',
      tags,
      description:
        'Every question at a DSO, region or practice scope with its own, inherited and effective answer.',
      querystring: scopeQuery,
      response: { 200: scopeAssessmentView, ...errorResponses },
    },
    handler: (request) =>
      service.scopeAssessment(deps, request, request.query.scopeType, request.query.scopeId),
  });
  app.get('/compliance/practices/:id/assessment', {
    config: access('compliance:read'),
    schema: {
      operationId: 'compliance.practiceAssessment.get',
      tags,
      params: idParams,
      response: { 200: scopeAssessmentView, ...errorResponses },
    },
    handler: (request) => service.scopeAssessment(deps, request, 'practice', request.params.id),
  });
  app.get('/compliance/progress', {
    config: access('compliance:read'),
    schema: {
      operationId: 'compliance.progress.get',
      tags,
      response: { 200: progressView, ...errorResponses },
    },
    handler: (request) => service.getProgress(deps, request),
  });
  app.get('/compliance/heatmap', {
    config: access('compliance:read'),
    schema: {
      operationId: 'compliance.heatmap.get',
      tags,
      querystring: heatmapQuery,
      response: { 200: heatmapView, ...errorResponses },
    },
    handler: (request) =>
      computeHeatmap(deps, request, request.query.regionId ? { regionId: request.query.regionId } : {}),
  });
}
