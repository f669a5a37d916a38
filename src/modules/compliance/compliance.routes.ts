import type { FastifyInstance } from 'fastify';
import { assessmentRoutes } from './assessment/assessment.routes.ts';
import type { ComplianceRouteOptions } from './compliance.context.ts';
import { controlsRoutes } from './controls/controls.routes.ts';
import { policiesRoutes } from './policies/policies.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { risksRoutes } from './risks/risks.routes.ts';

/** The risk analysis and continuous compliance API (docs/compliance.md), one plugin per area. */
export async function complianceRoutes(app: FastifyInstance, options: ComplianceRouteOptions): Promise<void> {
  await app.register(assessmentRoutes, options);
  await app.register(risksRoutes, options);
  await app.register(controlsRoutes, options);
  await app.register(policiesRoutes, options);
  await app.register(reportsRoutes, options);
}
