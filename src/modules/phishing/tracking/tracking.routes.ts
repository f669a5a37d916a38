import type { FastifyInstance } from 'fastify';
import type { PhishingRouteOptions } from '../phishing.context.ts';

export async function trackingRoutes(
  _instance: FastifyInstance,
  _options: PhishingRouteOptions,
): Promise<void> {}
