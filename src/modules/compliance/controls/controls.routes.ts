import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { access, errorResponses, typed } from '../../../platform/http/routes.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { ComplianceRouteOptions } from '../compliance.context.ts';
import {
  controlDetailView,
  controlIdParams,
  controlList,
  controlSettingsInput,
  evidenceList,
  evidenceView,
  fileEvidenceFields,
  importReadingsResult,
  jsonEvidenceInput,
  listControlsQuery,
  listEvidenceQuery,
  readingsInput,
  readingsResult,
  signalList,
  updateEvidenceInput,
  withdrawEvidenceInput,
} from './controls.schema.ts';
import * as controls from './controls.service.ts';
import type { UploadedFile } from './evidence.service.ts';
import * as evidence from './evidence.service.ts';
import * as signals from './signals.service.ts';

const megabytes = maxMb(evidence.maxEvidenceBytes);
const maxImportBytes = 4 * 1024 * 1024;

function maxMb(bytes: number): number {
  return bytes / 1024 / 1024;
}

function tooLarge(what: string): AppError {
  return new AppError(
    'BODY_TOO_LARGE',
    `${what} is larger than the ${megabytes} MB limit for an evidence file.`,
  );
}

function validation(issues: z.core.$ZodIssue[]): AppError {
  const mapped = issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code,
    message: issue.message,
  }));
  const first = mapped[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return new AppError('VALIDATION_FAILED', `${where}${first?.message ?? 'The request is invalid.'}`, mapped);
}

/** Multipart errors of @fastify/multipart, answered in product words instead of a bare 413. */
function uploadError(error: unknown, fileName: string | null): AppError | undefined {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(`The file "${fileName ?? 'upload'}"`);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return tooManyParts();
  }
  return undefined;
}

function tooManyParts(): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    'file: attach exactly one file with at most the evidence fields.',
    [{ path: ['file'], code: 'too_many_parts', message: 'attach exactly one file' }],
  );
}

/** Reads the form: the evidence fields and exactly one file (the "file" field), at most 25 MB. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: UploadedFile }> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  let current: string | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        current = part.filename;
        const bytes = await part.toBuffer();
        if (file !== undefined || part.fieldname !== 'file') throw tooManyParts();
        file = { fileName: part.filename.split(/[\\/]/).pop()?.trim() || 'evidence', bytes };
      } else if (typeof part.value === 'string' && part.value !== '') {
        // Browsers send empty inputs as empty strings: those mean "not given".
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    throw uploadError(error, current) ?? error;
  }
  if (file === undefined) {
    throw new AppError('VALIDATION_FAILED', 'file: attach exactly one file in the "file" field.', [
      { path: ['file'], code: 'required', message: 'attach exactly one file' },
    ]);
  }
  return { fields, file };
}

async function createFromMultipart(
  options: ComplianceRouteOptions,
  request: FastifyRequest & { dsoId: string },
) {
  const { fields, file } = await readUpload(request);
  const parsed = fileEvidenceFields.safeParse(fields);
  if (!parsed.success) throw validation(parsed.error.issues);
  return evidence.createFileEvidence(options.deps, request, parsed.data, file);
}

export async function controlsRoutes(
  instance: FastifyInstance,
  options: ComplianceRouteOptions,
): Promise<void> {
  const { deps } = options;
  const app = typed(instance);
  // Multipart parsing for evidence uploads, in this plugin only.
  await instance.register(multipart, {
    limits: { fileSize: evidence.maxEvidenceBytes, files: 1, fields: 20, fieldSize: 8 * 1024, parts: 21 },
  });
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: maxImportBytes },
    (_r, body, done) => done(null, body),
  );

  app.get('/compliance/controls', {
    config: access('compliance:read'),
    schema: {
      operationId: 'controls.list',
      tags: ['compliance'],
      description: 'Every catalogue control with its status now, and counts per status.',
      querystring: listControlsQuery,
      response: { 200: controlList, ...errorResponses },
    },
    handler: (request) => controls.listControls(deps, request, request.query),
  });
  app.get('/compliance/controls/:id', {
    config: access('compliance:read'),
    schema: {
      operationId: 'controls.get',
      tags: ['compliance'],
      params: controlIdParams,
      response: { 200: controlDetailView, ...errorResponses },
    },
    handler: (request) => controls.getControl(deps, request, request.params.id),
  });
  app.put('/compliance/controls/:id/settings', {
    config: access('compliance:write'),
    schema: {
      operationId: 'controls.updateSettings',
      tags: ['compliance'],
      params: controlIdParams,
      body: controlSettingsInput,
      response: { 200: controlDetailView, ...errorResponses },
    },
    handler: (request) => controls.updateControlSettings(deps, request, request.params.id, request.body),
  });

  app.post('/compliance/evidence', {
    config: access('compliance:write'),
    schema: {
      operationId: 'evidence.create',
      tags: ['compliance'],
      description: `A file as multipart/form-data (field "file", at most ${megabytes} MB: PDF, PNG, JPEG, DOCX, XLSX, CSV, TXT, EML, MSG) with the evidence fields as form fields, or JSON with kind "link" or "attestation".`,
      response: { 201: evidenceView, ...errorResponses },
    },
    handler: async (request, reply) => {
      const created = request.isMultipart()
        ? await createFromMultipart(options, request)
        : await (async () => {
            const parsed = jsonEvidenceInput.safeParse(request.body);
            if (!parsed.success) throw validation(parsed.error.issues);
            return evidence.createJsonEvidence(deps, request, parsed.data);
          })();
      return reply.status(201).send(created);
    },
  });
  app.get('/compliance/evidence', {
    config: access('compliance:read'),
    schema: {
      operationId: 'evidence.list',
      tags: ['compliance'],
      querystring: listEvidenceQuery,
      response: { 200: evidenceList, ...errorResponses },
    },
    handler: (request) => evidence.listEvidence(deps, request, request.query),
  });
  app.get('/compliance/evidence/:id', {
    config: access('compliance:read'),
    schema: {
      operationId: 'evidence.get',
      tags: ['compliance'],
      params: idParams,
      response: { 200: evidenceView, ...errorResponses },
    },
    handler: (request) => evidence.getEvidence(deps, request, request.params.id),
  });
  app.get('/compliance/evidence/:id/download', {
    config: access('compliance:read'),
    schema: {
      operationId: 'evidence.download',
      tags: ['compliance'],
      description:
        'The stored file, after checking it still matches its SHA-256 (else EVIDENCE_INTEGRITY_FAILED).',
      params: idParams,
      response: errorResponses,
    },
    handler: async (request, reply) => {
      const file = await evidence.downloadEvidence(deps, request, request.params.id);
      const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
      void reply
        .header('content-type', file.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('cache-control', 'no-store');
      // Bytes are sent as they are stored, never serialized.
      return reply.send(file.bytes as never);
    },
  });
  app.patch('/compliance/evidence/:id', {
    config: access('compliance:write'),
    schema: {
      operationId: 'evidence.update',
      tags: ['compliance'],
      params: idParams,
      body: updateEvidenceInput,
      response: { 200: evidenceView, ...errorResponses },
    },
    handler: (request) => evidence.updateEvidence(deps, request, request.params.id, request.body),
  });
  app.post('/compliance/evidence/:id/withdraw', {
    config: access('compliance:write'),
    schema: {
      operationId: 'evidence.withdraw',
      tags: ['compliance'],
      description:
        'Marks evidence rejected or superseded with a reason; it stays in the history until retainUntil.',
      params: idParams,
      body: withdrawEvidenceInput,
      response: { 200: evidenceView, ...errorResponses },
    },
    handler: (request) => evidence.withdrawEvidence(deps, request, request.params.id, request.body),
  });

  app.get('/compliance/signals', {
    config: access('compliance:read'),
    schema: {
      operationId: 'signals.list',
      tags: ['compliance'],
      response: { 200: signalList, ...errorResponses },
    },
    handler: async (request) => ({ items: await signals.latestSignals(deps, request) }),
  });
  app.post('/compliance/signals/readings', {
    config: access('signals:write'),
    schema: {
      operationId: 'signals.record',
      tags: ['compliance'],
      description: 'One reading, or {readings: [...]}; all are checked and none is written unless all pass.',
      body: readingsInput,
      response: { 201: readingsResult, ...errorResponses },
    },
    handler: async (request, reply) => {
      const body = request.body;
      const source = request.actor?.type === 'token' ? `token:${request.actor.label}` : 'manual';
      const items =
        'readings' in body
          ? await signals.recordSignalReadings(
              deps,
              request,
              body.readings.map((r) => ({ ...r, source })),
            )
          : [await signals.recordSignalReading(deps, request, { ...body, source })];
      return reply.status(201).send({ items });
    },
  });
  app.post('/compliance/signals/import', {
    config: access('signals:write'),
    bodyLimit: maxImportBytes,
    schema: {
      operationId: 'signals.import',
      tags: ['compliance'],
      description:
        'CSV (content-type text/csv) with columns signal,practice,value,observedAt; all or nothing.',
      response: { 200: importReadingsResult, ...errorResponses },
    },
    handler: async (request) => {
      if (typeof request.body !== 'string') {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the readings as CSV with content-type text/csv.');
      }
      const result = await signals.importSignalReadings(deps, request, request.body);
      return { imported: result.imported, items: result.readings };
    },
  });
}
