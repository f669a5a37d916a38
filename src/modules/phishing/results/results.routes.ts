import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { PhishingRouteOptions } from '../phishing.context.ts';
import { resultsCsv } from './results.csv.ts';
import { writeSummaryPdf } from './results.pdf.ts';
import {
  campaignResults,
  messageParams,
  publishedSignals,
  recipientList,
  recipientsQuery,
  repeatOffenders,
  repeatOffendersQuery,
  summaryQuery,
  timelineView,
  trendsView,
} from './results.schema.ts';
import * as service from './results.service.ts';
import { publishPhishingSignals } from './signals.service.ts';
import {
  createdWebhook,
  createWebhookInput,
  updateWebhookInput,
  webhookList,
  webhookParams,
  webhookView,
} from './webhooks.schema.ts';
import * as webhooks from './webhooks.service.ts';

/** A name safe inside a Content-Disposition filename: letters, digits and dashes. */
function fileStem(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'campaign'
  );
}

/** Campaign results, exports, trends, the compliance signal and signed webhooks (docs/phishing/results.md). */
export async function resultsRoutes(instance: FastifyInstance, options: PhishingRouteOptions): Promise<void> {
  const app = typed(instance);
  const { deps, secrets } = options;
  const tags = ['phishing'];

  app.get('/phishing/campaigns/:id/results', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.results.get',
      tags,
      description:
        'Statistics of a campaign with breakdowns by practice and job role; shared mailboxes apart. A practice manager sees their practices only.',
      params: idParams,
      querystring: summaryQuery,
      response: { 200: campaignResults, ...errorResponses },
    },
    handler: (request) => service.campaignResults(deps, request, request.params.id, request.query.practiceId),
  });

  app.get('/phishing/campaigns/:id/recipients', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.results.recipients',
      tags,
      description: 'Recipients by email, a page at a time, filtered by status, practice and name or email.',
      params: idParams,
      querystring: recipientsQuery,
      response: { 200: recipientList, ...errorResponses },
    },
    handler: (request) => service.listRecipients(deps, request, request.params.id, request.query),
  });

  app.get('/phishing/campaigns/:id/recipients/:messageId/timeline', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.results.timeline',
      tags,
      description: "A recipient's events with GoPhish's labels; mail-scanner events are marked automated.",
      params: messageParams,
      response: { 200: timelineView, ...errorResponses },
    },
    handler: (request) =>
      service.recipientTimeline(deps, request, request.params.id, request.params.messageId),
  });

  app.get('/phishing/campaigns/:id/results.csv', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.results.csv',
      tags,
      description: 'One line per recipient (RFC 4180; cells that could run as formulas are quoted).',
      params: idParams,
      response: errorResponses,
    },
    handler: async (request, reply) => {
      const csv = await resultsCsv(deps, request, request.params.id);
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="phishing-${fileStem(csv.name)}.csv"`)
        .header('cache-control', 'no-store');
      // A stream is piped as is, never serialized, so the typed body of the reply does not apply to it.
      return reply.send(Readable.from(csv.lines) as never);
    },
  });

  app.get('/phishing/campaigns/:id/summary.pdf', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.results.summaryPdf',
      tags,
      description:
        'A one- or two-page summary for practice managers: headline rates, a chart by practice, what to do next.',
      params: idParams,
      querystring: summaryQuery,
      response: errorResponses,
    },
    handler: async (request, reply) => {
      const data = await service.summaryData(deps, request, request.params.id, request.query.practiceId);
      void reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="phishing-${fileStem(data.results.campaign.name)}-summary.pdf"`,
        )
        .header('cache-control', 'no-store');
      const body = new PassThrough();
      writeSummaryPdf(data, body).catch((error: unknown) => body.destroy(error as Error));
      return reply.send(body as never);
    },
  });

  app.get('/phishing/results/repeat-offenders', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.results.repeatOffenders',
      tags,
      description: "People who failed in at least `threshold` (default 2) of the DSO's campaigns.",
      querystring: repeatOffendersQuery,
      response: { 200: repeatOffenders, ...errorResponses },
    },
    handler: (request) => service.listRepeatOffenders(deps, request, request.query.threshold),
  });

  app.get('/phishing/results/trends', {
    config: access('phishing:read'),
    schema: {
      operationId: 'phishing.results.trends',
      tags,
      description: 'Fail rate and report rate of each launched campaign, by launch date.',
      response: { 200: trendsView, ...errorResponses },
    },
    handler: (request) => service.campaignTrends(deps, request),
  });

  app.post('/phishing/results/publish-signals', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.results.publishSignals',
      tags,
      description:
        'Records the fail rate of the last 90 days as the compliance signal phishing-fail-rate now (it is also recorded hourly).',
      response: { 200: publishedSignals, ...errorResponses },
    },
    handler: (request) => publishPhishingSignals(deps, request),
  });

  app.get('/phishing/webhooks', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.webhooks.list',
      tags,
      response: { 200: webhookList, ...errorResponses },
    },
    handler: (request) => webhooks.listWebhooks(deps, request),
  });

  app.post('/phishing/webhooks', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.webhooks.create',
      tags,
      description: 'Creates a signed webhook; the answer shows the signing secret this once.',
      body: createWebhookInput,
      response: { 201: createdWebhook, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await webhooks.createWebhook(deps, secrets, request, request.body)),
  });

  app.get('/phishing/webhooks/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.webhooks.get',
      tags,
      params: webhookParams,
      response: { 200: webhookView, ...errorResponses },
    },
    handler: (request) => webhooks.getWebhook(deps, request, request.params.id),
  });

  app.patch('/phishing/webhooks/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.webhooks.update',
      tags,
      params: webhookParams,
      body: updateWebhookInput,
      response: { 200: webhookView, ...errorResponses },
    },
    handler: (request) => webhooks.updateWebhook(deps, request, request.params.id, request.body),
  });

  app.delete('/phishing/webhooks/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'phishing.webhooks.delete',
      tags,
      params: webhookParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await webhooks.deleteWebhook(deps, request, request.params.id);
      return reply.status(204).send(null);
    },
  });
}
