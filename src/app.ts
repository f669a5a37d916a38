import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { orgRoutes } from './modules/org/org.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { ServiceDeps } from './platform/context.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { createAccessHook } from './platform/http/access.ts';
import { errorEnvelope, handleError } from './platform/http/error-handler.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { defaultWebDir, isClientRoute, registerWeb } from './platform/http/web.ts';
import { AppError } from './platform/errors.ts';
import { newId } from './platform/ids.ts';
import type { Logger } from './platform/log.ts';

export interface AppOptions {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The built web app to serve at `/`; null serves none. */
  readonly webDir?: string | null;
}

export interface ApiRoute {
  readonly method: string;
  readonly url: string;
  readonly permission: string;
  readonly scope: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/v1 route with its declared access, collected at registration (the isolation table reads it). */
    apiRoutes: ApiRoute[];
  }
}

export const apiPrefix = '/api/v1';

/** Builds the Enamel HTTP app without listening: tests inject requests; main.ts listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, logger } = options;
  const deps: ServiceDeps = { db: database.db, clock: options.clock ?? systemClock, log: logger };
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => newId(),
    requestIdLogLabel: 'requestId',
    bodyLimit: config.bodyLimit,
    disableRequestLogging: false,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.decorateRequest('principal', undefined as never);
  app.decorateRequest('dsoId', '');

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(apiPrefix)) return;
    const declared = route.config?.access;
    if (!declared) {
      // Deny by default: an API route that declares no permission must never be served.
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access permission.`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.apiRoutes.push({ method, url: route.url, permission: declared.permission, scope: declared.scope });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables into a <style> element at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense once Enamel serves TLS; until then browsers would pin plain loopback HTTP.
    hsts: false,
  });
  if (config.rateLimit > 0) {
    await app.register(rateLimit, {
      max: config.rateLimit,
      timeWindow: '1 minute',
      errorResponseBuilder: (request, context) => {
        const error = new AppError('RATE_LIMITED', `Too many requests: retry in ${Math.ceil(context.ttl / 1000)} s.`);
        return Object.assign(errorEnvelope(error, request.id), { statusCode: 429 });
      },
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Enamel API', version: '1', description: 'Security and HIPAA compliance for DSOs.' },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerMetrics(app);

  app.addHook('onRequest', createAccessHook(database.db));
  await app.register(systemRoutes, { deps, database });
  await app.register(orgRoutes, { prefix: apiPrefix, deps });
  await app.register(peopleRoutes, { prefix: apiPrefix, deps });

  const webDir = options.webDir === undefined ? defaultWebDir : options.webDir;
  const servesWeb = webDir !== null && (await registerWeb(app, webDir));
  app.setNotFoundHandler((request, reply) => {
    if (servesWeb && isClientRoute(request.method, request.url, request.headers.accept)) {
      return reply.sendFile('index.html');
    }
    const error = new AppError('ROUTE_NOT_FOUND', `No route answers ${request.method} ${request.url.split('?')[0]}.`);
    return reply.status(404).send(errorEnvelope(error, request.id));
  });
  return app;
}
