import fs from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import * as audit from './modules/audit/index.ts';
import { complianceRoutes } from './modules/compliance/compliance.routes.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { createIdentity, identitySettings } from './modules/identity/identity.service.ts';
import { identityLinkRoutes } from './modules/identity/identity-links.routes.ts';
import { passkeyRoutes } from './modules/identity/identity-passkeys.routes.ts';
import { ssoRoutes } from './modules/identity/sso/sso.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { phishingRoutes } from './modules/phishing/phishing.routes.ts';
import { trackingRoutes } from './modules/phishing/tracking/tracking.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { ServiceDeps } from './platform/context.ts';
import { lazySecretBox, openSecretBox, type SecretBox } from './platform/crypto/index.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { AppError } from './platform/errors.ts';
import { type ApiRoute, apiPrefix, collectApiRoute, createAccessHook } from './platform/http/access.ts';
import { errorEnvelope, handleError } from './platform/http/error-handler.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { responseSerializerCompiler } from './platform/http/serializer.ts';
import { defaultWebDir, isClientRoute, registerWeb } from './platform/http/web.ts';
import { newId } from './platform/ids.ts';
import type { Logger } from './platform/log.ts';
import { createMailer } from './platform/mail/index.ts';

export interface AppOptions {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The built web app to serve at `/`; null serves none. */
  readonly webDir?: string | null;
  /** Secrets at rest; opened from the configured master key when absent. */
  readonly secrets?: SecretBox;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/v1 route with its declared access, collected at registration (the isolation table reads it). */
    apiRoutes: ApiRoute[];
  }
}

export { apiPrefix };

function readTls(files: { cert: string; key: string }) {
  try {
    return { cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
  } catch (error) {
    throw new AppError(
      'CONFIG_INVALID',
      `The TLS certificate or key cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
    );
  }
}

/** Builds the Enamel HTTP app without listening: tests inject requests; main.ts listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, logger } = options;
  const deps: ServiceDeps = { db: database.db, clock: options.clock ?? systemClock, log: logger };
  const serverOptions = {
    ...(config.tls ? { https: readTls(config.tls) } : {}),
    // A hop count is valid at run time; the option's type omits numbers.
    trustProxy: config.trustProxy as boolean | string[],
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => newId(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimit,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  };
  // One instance type whether or not TLS is on: the https variant differs only in its raw server.
  const app = Fastify(serverOptions as FastifyServerOptions) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.setErrorHandler(handleError);
  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.decorateRequest('principal', undefined as never);
  app.decorateRequest('dsoId', '');
  app.decorateRequest('actor', undefined as never);

  app.addHook('onRoute', (route) => collectApiRoute(route, app.apiRoutes));
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // HSTS only over HTTPS (direct TLS, or a trusted proxy that says so); over plain loopback it would pin nothing.
    if (request.protocol === 'https')
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  registerSecurityHeaders(app, {
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
    // Set per request in onSend, only when the request came over HTTPS.
    hsts: false,
  });
  if (config.rateLimit > 0) {
    await app.register(rateLimit, {
      max: config.rateLimit,
      timeWindow: '1 minute',
      // Thrown to the one error handler, which answers the envelope with status 429.
      errorResponseBuilder: (_request, context) =>
        new AppError('RATE_LIMITED', `Too many requests: retry in ${Math.ceil(context.ttl / 1000)} s.`),
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

  await app.register(cookie);
  const secrets =
    options.secrets ?? lazySecretBox(() => openSecretBox({ db: database.db, config, clock: deps.clock }));
  const identity = createIdentity(deps, identitySettings(config), secrets);
  app.addHook(
    'onRequest',
    createAccessHook(identity.authenticator, (request, actor, dsoId, _permission) =>
      audit
        .record(database.db, {
          dsoId,
          actor,
          action: 'access.denied',
          resourceType: 'route',
          resourceId: `${request.method} ${request.routeOptions.url ?? ''}`.slice(0, 200),
          occurredAt: deps.clock.now().toISOString(),
          outcome: 'denied',
          changedFields: [],
          detail: {},
        })
        .then(() => undefined),
    ),
  );
  await app.register(systemRoutes, { deps, database });
  await app.register(identityRoutes, { prefix: apiPrefix, deps, identity });
  await app.register(passkeyRoutes, { prefix: apiPrefix, deps, identity });
  await app.register(ssoRoutes, { prefix: apiPrefix, deps, identity, secrets });
  const mailer = createMailer(config);
  await app.register(identityLinkRoutes, { prefix: apiPrefix, deps, identity, mailer });
  await app.register(orgRoutes, { prefix: apiPrefix, deps });
  await app.register(peopleRoutes, { prefix: apiPrefix, deps });
  await app.register(auditRoutes, { prefix: apiPrefix, deps });
  await app.register(complianceRoutes, { prefix: apiPrefix, deps, mailer, config });
  await app.register(phishingRoutes, { prefix: apiPrefix, deps, mailer, config, secrets });
  // Simulation links and landing pages: here unless a separate tracking listener is configured.
  if (config.tracking.port === 0) await app.register(trackingRoutes, { deps, mailer, config, secrets });

  const webDir = options.webDir === undefined ? defaultWebDir : options.webDir;
  const servesWeb = webDir !== null && (await registerWeb(app, webDir));
  app.setNotFoundHandler((request, reply) => {
    if (servesWeb && isClientRoute(request.method, request.url, request.headers.accept)) {
      return reply.sendFile('index.html');
    }
    const error = new AppError(
      'ROUTE_NOT_FOUND',
      `No route answers ${request.method} ${request.url.split('?')[0]}.`,
    );
    return reply.status(404).send(errorEnvelope(error, request.id));
  });
  return app;
}
