import fs from 'node:fs';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { Config } from '../../../platform/config.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import { newId } from '../../../platform/ids.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { notFoundPage, pageHeaders } from './pages.ts';
import { trackingRoutes } from './tracking.routes.ts';

export interface TrackingServerOptions {
  readonly deps: ServiceDeps;
  readonly config: Config;
  readonly secrets: SecretBox;
  readonly mailer: Mailer;
}

export interface RunningTrackingServer {
  readonly address: string;
  /** Stops accepting, answers what is in flight, writes pending events. */
  stop(): Promise<void>;
}

/** The tracking routes alone, on an app apart from the admin UI and the API (not listening). */
export async function buildTrackingApp(options: TrackingServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  const serverOptions = {
    ...(config.tls
      ? { https: { cert: fs.readFileSync(config.tls.cert), key: fs.readFileSync(config.tls.key) } }
      : {}),
    // The same proxies as the main server: a scanner's address must be the client's, not the proxy's.
    trustProxy: config.trustProxy as boolean | string[],
    loggerInstance: options.deps.log as FastifyBaseLogger,
    // Request logs would carry the tokens: only warnings and errors are logged.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: () => newId(),
    bodyLimit: config.bodyLimit,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  };
  const app = Fastify(serverOptions as FastifyServerOptions) as unknown as FastifyInstance;
  await app.register(trackingRoutes, {
    deps: options.deps,
    config,
    secrets: options.secrets,
    mailer: options.mailer,
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).headers(pageHeaders).send(notFoundPage));
  return app;
}

/** Serves simulation links, the open pixel and landing pages on `config.tracking.host:port`. */
export async function startTrackingServer(options: TrackingServerOptions): Promise<RunningTrackingServer> {
  const app = await buildTrackingApp(options);
  const address = await app.listen({
    port: options.config.tracking.port,
    host: options.config.tracking.host,
  });
  let stopping: Promise<void> | undefined;
  return {
    address,
    stop: () => {
      stopping ??= app.close();
      return stopping;
    },
  };
}
