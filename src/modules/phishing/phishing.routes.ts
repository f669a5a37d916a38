import type { FastifyInstance } from 'fastify';
import { campaignsRoutes } from './campaigns/campaigns.routes.ts';
import type { PhishingRouteOptions } from './phishing.context.ts';
import { reportingRoutes } from './reporting/reporting.routes.ts';
import { resultsRoutes } from './results/results.routes.ts';
import { sendingRoutes } from './sending/sending.routes.ts';
import { templatesRoutes } from './templates/templates.routes.ts';

/** The phishing-simulation API under /api/v1 (docs/phishing.md), one plugin per area. */
export async function phishingRoutes(app: FastifyInstance, options: PhishingRouteOptions): Promise<void> {
  // Only what the areas need: passing the registration options on would repeat their `prefix`.
  const { deps, mailer, config, secrets } = options;
  const areaOptions: PhishingRouteOptions = { deps, mailer, config, secrets };
  await app.register(templatesRoutes, areaOptions);
  await app.register(campaignsRoutes, areaOptions);
  await app.register(sendingRoutes, areaOptions);
  await app.register(resultsRoutes, areaOptions);
  await app.register(reportingRoutes, areaOptions);
}
