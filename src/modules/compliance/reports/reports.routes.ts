import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import type { ComplianceRouteOptions } from '../compliance.context.ts';
import { reportCsvLines } from './report.csv.ts';
import { writeReportPdf } from './report.pdf.ts';
import { insuranceView, reportQuery, signOffHistory, signOffInput, signOffView } from './reports.schema.ts';
import * as service from './reports.service.ts';

const contentTypes = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' } as const;

/** The risk-analysis report (45 CFR 164.308(a)(1)(ii)(A)) with its sign-offs, and the cyber-insurance answers. */
export async function reportsRoutes(
  instance: FastifyInstance,
  { deps }: ComplianceRouteOptions,
): Promise<void> {
  const app = typed(instance);

  app.get('/compliance/insurance', {
    config: access('compliance:read'),
    schema: {
      operationId: 'compliance.insurance',
      tags: ['compliance'],
      description:
        "The questions of cyber-insurance applications answered from live evidence, with a warning wherever it does not support a 'yes'.",
      response: { 200: insuranceView, ...errorResponses },
    },
    handler: (request) => service.insuranceView(deps, request),
  });

  app.get('/compliance/report', {
    config: access('compliance:export'),
    schema: {
      operationId: 'compliance.report',
      tags: ['compliance'],
      description: 'The risk-analysis report as a PDF or as one CSV file with a `section` column.',
      querystring: reportQuery,
      response: errorResponses,
    },
    handler: async (request, reply) => {
      const { format } = request.query;
      const data = await service.exportReport(deps, request, format);
      void reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="risk-analysis-${data.generatedDate}.${format}"`)
        .header('cache-control', 'no-store');
      if (format === 'csv') {
        // A stream is piped as is, never serialized, so the typed body of the reply does not apply to it.
        return reply.send(Readable.from(reportCsvLines(data)) as never);
      }
      const body = new PassThrough();
      writeReportPdf(data, body).catch((error: unknown) => body.destroy(error as Error));
      return reply.send(body as never);
    },
  });

  app.post('/compliance/report/sign-off', {
    config: access('compliance:approve'),
    schema: {
      operationId: 'compliance.signOff',
      tags: ['compliance'],
      description:
        "Signs off the risk analysis: records the signer, the statement and the SHA-256 of the report's data.",
      body: signOffInput,
      response: { 201: signOffView, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.signOffReport(deps, request, request.body)),
  });

  app.get('/compliance/report/sign-offs', {
    config: access('compliance:export'),
    schema: {
      operationId: 'compliance.signOffs',
      tags: ['compliance'],
      description: "The report's sign-offs, newest first, and whether the data changed since the latest.",
      response: { 200: signOffHistory, ...errorResponses },
    },
    handler: (request) => service.listSignOffHistory(deps, request),
  });
}
