import type { FastifyInstance } from 'fastify';
import type { ComplianceRouteOptions } from '../compliance.context.ts';

export async function assessmentRoutes(
  _instance: FastifyInstance,
  _options: ComplianceRouteOptions,
): Promise<void> {}
