import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorIssue, errorCodes, isAppError } from '../errors.ts';

export interface ErrorEnvelope {
  error: { code: string; message: string; issues?: ErrorIssue[]; requestId: string };
}

/** Fastify's own error codes that come from the caller's input, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BODY_INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
};

interface ValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

function toPath(context: string | undefined, instancePath: string): (string | number)[] {
  const parts = instancePath
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return context ? [context, ...parts] : parts;
}

/** Zod issues -> our issues, one per unknown key so each offending field is named. */
export function validationIssues(
  context: string | undefined,
  entries: readonly ValidationEntry[],
): ErrorIssue[] {
  return entries.flatMap((entry): ErrorIssue[] => {
    const path = toPath(context, entry.instancePath);
    const keys = entry.params?.keys;
    if (entry.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({
        path: [...path, String(key)],
        code: 'unknown_field',
        message: `Unknown field "${String(key)}".`,
      }));
    }
    const field = path.slice(1).join('.') || context || 'input';
    return [{ path, code: entry.keyword, message: `${field}: ${entry.message ?? 'is invalid'}` }];
  });
}

function toAppError(error: FastifyError | AppError | Error): AppError | undefined {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fastifyError = error as FastifyError;
    const issues = validationIssues(
      fastifyError.validationContext,
      fastifyError.validation as unknown as ValidationEntry[],
    );
    const first = issues[0]?.message ?? 'The request is invalid.';
    const more =
      issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    return new AppError('VALIDATION_FAILED', `${first}${more}`, issues);
  }
  const code = 'code' in error && typeof error.code === 'string' ? fastifyCodes[error.code] : undefined;
  if (code) return new AppError(code, error.message);
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) return new AppError('VALIDATION_FAILED', error.message);
  return undefined;
}

export function errorEnvelope(error: AppError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues.length > 0 ? { issues: [...error.issues] } : {}),
      requestId,
    },
  };
}

/** The one error handler: known errors become the envelope; anything else a generic 500 and a full log line. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const known = toAppError(error);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: known.code }, 'request rejected');
    void reply.status(known.status).send(errorEnvelope(known, request.id));
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
  const internal = new AppError('INTERNAL', errorCodes.INTERNAL.meaning);
  void reply.status(500).send(errorEnvelope(internal, request.id));
}
