import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { ComplianceRouteOptions } from '../compliance.context.ts';
import { vendorsRoutes } from '../vendors/vendors.routes.ts';
import * as attestations from './attestations.service.ts';
import * as campaigns from './campaigns.service.ts';
import {
  campaignDetail,
  campaignList,
  createCampaignInput,
  createdCampaign,
  createPolicyInput,
  createVersionInput,
  deliveryView,
  listCampaignsQuery,
  listPoliciesQuery,
  myAttestationList,
  myAttestationView,
  policyDetail,
  policyList,
  policyTemplateList,
  policyView,
  publicAttestationView,
  tokenInput,
  updatePolicyInput,
  versionParams,
} from './policies.schema.ts';
import * as policies from './policies.service.ts';

/** Someone holding an emailed link may try a few times; guessing a 256-bit token is hopeless anyway. */
const linkLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

function userIdOf(request: FastifyRequest): string {
  if (request.principal.kind !== 'user') {
    throw new AppError(
      'NOT_FOUND',
      'Attestations belong to people: sign in as a user, not with an API token.',
    );
  }
  return request.principal.userId;
}

/** Policies, their versions and approval, attestation campaigns and acknowledgements; vendors (docs/compliance). */
export async function policiesRoutes(
  instance: FastifyInstance,
  options: ComplianceRouteOptions,
): Promise<void> {
  const { deps, mailer, config } = options;
  const app = typed(instance);
  const tags = ['compliance'];

  app.get('/compliance/policy-templates', {
    config: access('compliance:read'),
    schema: {
      operationId: 'policyTemplates.list',
      tags,
      response: { 200: policyTemplateList, ...errorResponses },
    },
    handler: () => policies.listTemplates(),
  });
  app.get('/compliance/policies', {
    config: access('compliance:read'),
    schema: {
      operationId: 'policies.list',
      tags,
      querystring: listPoliciesQuery,
      response: { 200: policyList, ...errorResponses },
    },
    handler: (request) => policies.listPolicies(deps, request, request.query),
  });
  app.post('/compliance/policies', {
    config: access('compliance:write'),
    schema: {
      operationId: 'policies.create',
      tags,
      body: createPolicyInput,
      response: { 201: policyDetail, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await policies.createPolicy(deps, request, request.body)),
  });
  app.get('/compliance/policies/:id', {
    config: access('compliance:read'),
    schema: {
      operationId: 'policies.get',
      tags,
      params: idParams,
      response: { 200: policyDetail, ...errorResponses },
    },
    handler: (request) => policies.getPolicy(deps, request, request.params.id),
  });
  app.patch('/compliance/policies/:id', {
    config: access('compliance:write'),
    schema: {
      operationId: 'policies.update',
      tags,
      params: idParams,
      body: updatePolicyInput,
      response: { 200: policyView, ...errorResponses },
    },
    handler: (request) => policies.updatePolicy(deps, request, request.params.id, request.body),
  });
  app.post('/compliance/policies/:id/versions', {
    config: access('compliance:write'),
    // 200 KB of Markdown, JSON-escaped, fits well inside this.
    bodyLimit: 1024 * 1024,
    schema: {
      operationId: 'policies.createVersion',
      tags,
      params: idParams,
      body: createVersionInput,
      response: { 201: policyDetail, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await policies.createVersion(deps, request, request.params.id, request.body)),
  });
  app.post('/compliance/policies/:id/versions/:versionId/approve', {
    config: access('compliance:approve'),
    schema: {
      operationId: 'policies.approveVersion',
      tags,
      params: versionParams,
      response: { 200: policyDetail, ...errorResponses },
    },
    handler: (request) => policies.approveVersion(deps, request, request.params.id, request.params.versionId),
  });

  app.get('/compliance/campaigns', {
    config: access('compliance:read'),
    schema: {
      operationId: 'campaigns.list',
      tags,
      querystring: listCampaignsQuery,
      response: { 200: campaignList, ...errorResponses },
    },
    handler: (request) => campaigns.listCampaigns(deps, request, request.query),
  });
  app.post('/compliance/campaigns', {
    config: access('compliance:write'),
    schema: {
      operationId: 'campaigns.create',
      tags,
      body: createCampaignInput,
      response: { 201: createdCampaign, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await campaigns.createCampaign(deps, mailer, config.publicUrl, request, request.body)),
  });
  app.get('/compliance/campaigns/:id', {
    config: access('compliance:read'),
    schema: {
      operationId: 'campaigns.get',
      tags,
      params: idParams,
      response: { 200: campaignDetail, ...errorResponses },
    },
    handler: (request) => campaigns.getCampaign(deps, request, request.params.id),
  });
  app.post('/compliance/campaigns/:id/close', {
    config: access('compliance:write'),
    schema: {
      operationId: 'campaigns.close',
      tags,
      params: idParams,
      response: { 200: campaignDetail, ...errorResponses },
    },
    handler: (request) => campaigns.closeCampaign(deps, request, request.params.id),
  });
  app.post('/compliance/campaigns/:id/remind', {
    config: access('compliance:write'),
    schema: {
      operationId: 'campaigns.remind',
      tags,
      params: idParams,
      response: { 200: deliveryView, ...errorResponses },
    },
    handler: (request) =>
      campaigns.remindCampaign(deps, mailer, config.publicUrl, request, request.params.id),
  });

  app.post('/attestations/lookup', {
    config: { ...access('public', 'public'), ...linkLimit },
    schema: {
      operationId: 'attestations.lookup',
      tags,
      body: tokenInput,
      response: { 200: publicAttestationView, ...errorResponses },
    },
    handler: (request) => attestations.lookupByToken(deps, request.body.token),
  });
  app.post('/attestations/acknowledge', {
    config: { ...access('public', 'public'), ...linkLimit },
    schema: {
      operationId: 'attestations.acknowledge',
      tags,
      body: tokenInput,
      response: { 200: publicAttestationView, ...errorResponses },
    },
    handler: (request) =>
      attestations.acknowledgeByToken(deps, request.body.token, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      }),
  });
  app.get('/me/attestations', {
    config: access('self', 'self'),
    schema: {
      operationId: 'attestations.mine',
      tags,
      response: { 200: myAttestationList, ...errorResponses },
    },
    handler: (request) => attestations.myAttestations(deps, request, userIdOf(request)),
  });
  app.post('/me/attestations/:id/acknowledge', {
    config: access('self', 'self'),
    schema: {
      operationId: 'attestations.acknowledgeMine',
      tags,
      params: idParams,
      response: { 200: myAttestationView, ...errorResponses },
    },
    handler: (request) => attestations.acknowledgeMine(deps, request, userIdOf(request), request.params.id),
  });

  await app.register(vendorsRoutes, options);
}
