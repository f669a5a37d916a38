import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceDeps } from '../context.ts';
import type { Permission, RouteScope } from './access.ts';
import { errorResponse } from './schemas.ts';

/** Options every module's route plugin receives. */
export interface RouteOptions {
  readonly deps: ServiceDeps;
}

export type ApiInstance = FastifyInstance['withTypeProvider'] extends () => infer R ? R : never;

/** The zod-typed instance of a module plugin. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** Route config and the error responses every API route may answer. */
export function access(
  permission: Permission,
  scope: RouteScope = 'dso',
  options: { beforeMfa?: boolean } = {},
) {
  return { access: { permission, scope, ...options } };
}

export const errorResponses = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  413: errorResponse,
  415: errorResponse,
  422: errorResponse,
  429: errorResponse,
} as const;
