import type { FastifyInstance } from 'fastify';
import { assessmentRoutes } from './assessment/assessment.routes.ts';
import type { ComplianceRouteOptions } from './compliance.context.ts';
import { controlsRoutes } from './controls/controls.routes.ts';
import { policiesRoutes } from './policies/policies.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { risksRoutes } from './risks/risks.routes.ts';

/** The risk analysis and continuous compliance API (docs/compliance.md), one plugin per area. */
export async function complianceRoutes(app: FastifyInstance, options: ComplianceRouteOptions): Promise<void> {
  // Only what the areas need: passing the registration options on would repeat their `prefix`.
  const { deps, mailer, config } = options;
  const areaOptions: ComplianceRouteOptions = { deps, mailer, config };
  await app.register(assessmentRoutes, areaOptions);
  await app.register(risksRoutes, areaOptions);
  await app.register(controlsRoutes, areaOptions);
  await app.register(policiesRoutes, areaOptions);
  await app.register(reportsRoutes, areaOptions);
}
