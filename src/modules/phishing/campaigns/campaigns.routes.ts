import type { FastifyInstance } from 'fastify';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { PhishingRouteOptions } from '../phishing.context.ts';
import * as lifecycle from './campaign-lifecycle.service.ts';
import {
  audiencePreview,
  campaignList,
  campaignView,
  createCampaignInput,
  emailPreview,
  listCampaignsQuery,
  previewAudienceInput,
  previewCampaignInput,
} from './campaigns.schema.ts';
import * as service from './campaigns.service.ts';

const tags = ['phishing'];

export async function campaignsRoutes(
  instance: FastifyInstance,
  { deps, config }: PhishingRouteOptions,
): Promise<void> {
  const app = typed(instance);

  app.get('/phishing/campaigns', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishingCampaigns.list',
      tags,
      querystring: listCampaignsQuery,
      response: { 200: campaignList, ...errorResponses },
    },
    handler: (request) => service.listCampaigns(deps, request, request.query),
  });
  app.post('/phishing/campaigns/preview-audience', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishingCampaigns.previewAudience',
      tags,
      description: 'Counts the recipients an audience selects, by practice and role, with a sample.',
      body: previewAudienceInput,
      response: { 200: audiencePreview, ...errorResponses },
    },
    handler: (request) => service.previewAudience(deps, request, request.body, config.trackingUrl),
  });
  app.post('/phishing/campaigns', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishingCampaigns.create',
      tags,
      body: createCampaignInput,
      response: { 201: campaignView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createCampaign(deps, request, request.body)),
  });
  app.get('/phishing/campaigns/:id', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishingCampaigns.get',
      tags,
      params: idParams,
      response: { 200: campaignView, ...errorResponses },
    },
    handler: (request) => service.getCampaign(deps, request, request.params.id),
  });
  for (const [action, run] of [
    ['pause', lifecycle.pauseCampaign],
    ['resume', lifecycle.resumeCampaign],
    ['cancel', lifecycle.cancelCampaign],
  ] as const) {
    app.post(`/phishing/campaigns/:id/${action}`, {
      config: access('phishing:write'),
      schema: {
        operationId: `phishingCampaigns.${action}`,
        tags,
        params: idParams,
        response: { 200: campaignView, ...errorResponses },
      },
      handler: (request) => run(deps, request, request.params.id),
    });
  }
  app.post('/phishing/campaigns/:id/preview', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishingCampaigns.preview',
      tags,
      description: "Renders one recipient's email as it would be sent; nothing is sent.",
      params: idParams,
      body: previewCampaignInput.optional(),
      response: { 200: emailPreview, ...errorResponses },
    },
    handler: (request) =>
      lifecycle.previewCampaign(deps, request, request.params.id, request.body ?? {}, config.trackingUrl),
  });
}
