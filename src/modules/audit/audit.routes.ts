import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { access, errorResponses, type RouteOptions, typed } from '../../platform/http/routes.ts';
import { anchorView, auditEventList, exportAuditEventsQuery, listAuditEventsQuery } from './audit.schema.ts';
import * as service from './audit.service.ts';

const contentTypes = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

/** The DSO's audit trail for its auditors (45 CFR 164.312(b), 164.308(a)(1)(ii)(D) activity review). */
export async function auditRoutes(instance: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const app = typed(instance);

  app.get('/audit-events', {
    config: access('audit:read'),
    schema: {
      operationId: 'auditEvents.list',
      tags: ['audit'],
      description: 'Audit entries of the DSO, newest first. `action` takes a prefix ending in `*`.',
      querystring: listAuditEventsQuery,
      response: { 200: auditEventList, ...errorResponses },
    },
    handler: (request) => service.listEvents(deps, request, request.query),
  });

  app.get('/audit-events/export', {
    config: access('audit:export'),
    schema: {
      operationId: 'auditEvents.export',
      tags: ['audit'],
      description: 'Streams the matching entries oldest first as CSV (with a header row) or a JSON array.',
      querystring: exportAuditEventsQuery,
      response: errorResponses,
    },
    handler: (request, reply) => {
      const { format, ...filter } = request.query;
      const day = deps.clock.now().toISOString().slice(0, 10);
      void reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="audit-events-${day}.${format}"`)
        .header('cache-control', 'no-store');
      // A stream is piped as is, never serialized, so the typed body of the reply does not apply to it.
      void reply.send(Readable.from(service.exportEvents(deps, request, filter, format)) as never);
    },
  });

  app.get('/audit-events/anchor', {
    config: access('audit:read'),
    schema: {
      operationId: 'auditEvents.anchor',
      tags: ['audit'],
      description: "The head of the DSO's chain, to keep elsewhere and verify against later.",
      response: { 200: anchorView, ...errorResponses },
    },
    handler: (request) => service.createAnchor(deps, request.dsoId),
  });
}
