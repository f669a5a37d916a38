import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { PhishingRouteOptions } from '../phishing.context.ts';
import { connectImap } from './imap-client.ts';
import { getReportMailbox, putReportMailbox, testReportMailbox } from './report-mailbox.service.ts';
import {
  intakeResult,
  listReportedQuery,
  mailboxTestResult,
  maxReportBytes,
  reportedEmailList,
  reportedEmailView,
  reportMailboxInput,
  reportMailboxView,
  submitTokenInput,
} from './reporting.schema.ts';
import { getReportedEmail, ingestReport, listReportedEmails, reportByToken } from './reporting.service.ts';

/** Raw email bodies: .eml as message/rfc822, Outlook .msg, or bytes of either. */
const rawTypes = ['message/rfc822', 'application/vnd.ms-outlook', 'application/octet-stream'];
// A little over the limit reaches the service, which names the limit; far over it Fastify stops reading.
const rawBodyLimit = maxReportBytes + 1024 * 1024;

function rawBody(request: FastifyRequest): Buffer {
  if (Buffer.isBuffer(request.body)) return request.body;
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Send the reported email as the request body with content-type ${rawTypes.join(', ')}.`,
  );
}

function validation(message: string, path: string[]): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path, code: 'invalid', message }]);
}

export async function reportingRoutes(
  instance: FastifyInstance,
  options: PhishingRouteOptions,
): Promise<void> {
  const { deps, mailer, config, secrets } = options;
  const intake = { ...deps, mailer, trackingUrl: config.trackingUrl };
  const app = typed(instance);
  app.addContentTypeParser(rawTypes, { parseAs: 'buffer', bodyLimit: rawBodyLimit }, (_request, body, done) =>
    done(null, body),
  );

  app.post('/phishing/reports', {
    config: access('reports:submit'),
    bodyLimit: rawBodyLimit,
    schema: {
      operationId: 'reporting.submit',
      tags: ['phishing'],
      description:
        'A report from a report-button add-in or mail gateway: the reported email as message/rfc822 (the original attached, forwarded, or itself; at most 25 MB), or JSON { token } with the token of a simulation link.',
      response: { 200: intakeResult, ...errorResponses },
    },
    handler: async (request) => {
      if (Buffer.isBuffer(request.body)) {
        return ingestReport(intake, {
          dsoId: request.dsoId,
          source: 'api',
          raw: request.body,
          actor: request.actor,
        });
      }
      const parsed = submitTokenInput.safeParse(request.body);
      if (!parsed.success) {
        throw validation(
          'token: send the 43-character token of a simulation link, or the email as message/rfc822.',
          ['body', 'token'],
        );
      }
      return reportByToken(intake, request, parsed.data.token);
    },
  });

  app.post('/phishing/reported-emails/upload', {
    config: access('phishing:write'),
    bodyLimit: rawBodyLimit,
    schema: {
      operationId: 'reporting.upload',
      tags: ['phishing'],
      description:
        'A reported email uploaded by the security team: the .eml or .msg file as the request body.',
      response: { 200: intakeResult, ...errorResponses },
    },
    handler: (request) =>
      ingestReport(intake, {
        dsoId: request.dsoId,
        source: 'upload',
        raw: rawBody(request),
        actor: request.actor,
      }),
  });

  app.get('/phishing/reported-emails', {
    config: access('phishing:write'),
    schema: {
      operationId: 'reporting.list',
      tags: ['phishing'],
      description: 'Reported emails, newest first: metadata only, never the message itself.',
      querystring: listReportedQuery,
      response: { 200: reportedEmailList, ...errorResponses },
    },
    handler: (request) => listReportedEmails(deps, request, request.query),
  });

  app.get('/phishing/reported-emails/:id', {
    config: access('phishing:write'),
    schema: {
      operationId: 'reporting.get',
      tags: ['phishing'],
      params: idParams,
      response: { 200: reportedEmailView, ...errorResponses },
    },
    handler: (request) => getReportedEmail(deps, request, request.params.id),
  });

  app.get('/phishing/report-mailbox', {
    config: access('phishing:write'),
    schema: {
      operationId: 'reporting.mailbox.get',
      tags: ['phishing'],
      description:
        'The IMAP report mailbox Enamel reads (password shown as set or not set) and the SMTP receiver.',
      response: { 200: reportMailboxView, ...errorResponses },
    },
    handler: (request) => getReportMailbox(deps, request, config),
  });

  app.put('/phishing/report-mailbox', {
    config: access('phishing:write'),
    schema: {
      operationId: 'reporting.mailbox.put',
      tags: ['phishing'],
      description: 'Sets the report mailbox; leave out the password to keep the stored one.',
      body: reportMailboxInput,
      response: { 200: reportMailboxView, ...errorResponses },
    },
    handler: (request) => putReportMailbox(deps, secrets, request, config, request.body),
  });

  app.post('/phishing/report-mailbox/test', {
    config: access('phishing:write'),
    schema: {
      operationId: 'reporting.mailbox.test',
      tags: ['phishing'],
      description:
        'Signs in to the saved report mailbox and opens its folder, read-only; answers what happened.',
      response: { 200: mailboxTestResult, ...errorResponses },
    },
    handler: (request) => testReportMailbox(deps, secrets, request, connectImap),
  });
}
