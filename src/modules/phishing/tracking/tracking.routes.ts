import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PhishingRouteOptions } from '../phishing.context.ts';
import {
  notFoundPage,
  pageHeaders,
  pixelGif,
  pixelHeaders,
  robotsTxt,
  trackingHeaders,
  unavailablePage,
} from './pages.ts';
import {
  clickRulesFor,
  createTracker,
  type LandingAnswer,
  type RequestFacts,
  type Tracker,
} from './tracking.service.ts';

/** Options of the tracking plugin; tests and the benchmark may tune the tracker. */
export interface TrackingRouteOptions extends PhishingRouteOptions {
  /** A tracker made by the caller (it then closes it); by default the plugin makes and closes its own. */
  readonly tracker?: Tracker;
}

/** A form is read off the socket and dropped: submitted values never reach memory beyond the read buffer. */
const formLimitBytes = 1_048_576;

function facts(request: FastifyRequest): RequestFacts {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent.slice(0, 400) : null };
}

function tokenOf(request: FastifyRequest): string {
  return (request.params as { token?: string }).token ?? '';
}

function notFound(reply: FastifyReply) {
  return reply.status(404).headers(pageHeaders).send(notFoundPage);
}

function answer(reply: FastifyReply, landing: LandingAnswer | undefined) {
  if (!landing) return notFound(reply);
  if (landing.kind === 'redirect')
    return reply.status(303).headers(trackingHeaders).redirect(landing.url, 303);
  return reply.status(200).headers(pageHeaders).send(landing.html);
}

/**
 * Simulation links, the open pixel and landing pages (docs/phishing/tracking.md), outside /api/v1. Every answer
 * is generic: nothing names the DSO or the product, and an unknown token looks like any other unknown token.
 */
export async function trackingRoutes(
  instance: FastifyInstance,
  options: TrackingRouteOptions,
): Promise<void> {
  const tracker = options.tracker ?? createTracker(options.deps, { rules: clickRulesFor(options.config) });
  if (!options.tracker) instance.addHook('onClose', () => tracker.close());

  // Any body (a landing page's form, whatever its type) is drained unparsed and discarded.
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', (_request, payload, done) => {
    let size = 0;
    let finished = false;
    const finish = (error: Error | null) => {
      if (finished) return;
      finished = true;
      done(error, undefined);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > formLimitBytes) finish(Object.assign(new Error('Form too large.'), { statusCode: 413 }));
    });
    payload.on('end', () => finish(null));
    payload.on('error', (error) => finish(error));
  });

  instance.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413 || status === 415 || status === 400) {
      return reply.status(status).headers(pageHeaders).send(notFoundPage);
    }
    request.log.error({ err: error }, 'tracking request failed');
    return reply.status(503).headers(pageHeaders).send(unavailablePage);
  });

  // Request logs would carry the tokens (one per recipient): only warnings and errors are logged here.
  // HEAD is what link checkers send, never a person's browser: answered alike for every token, not recorded.
  const quiet = { logLevel: 'warn' as const, exposeHeadRoutes: false };

  instance.head('/o/:token', quiet, async (_request, reply) =>
    reply.status(200).headers(pixelHeaders).send(),
  );
  instance.head('/l/:token', quiet, async (_request, reply) => reply.status(200).headers(pageHeaders).send());

  instance.get('/robots.txt', quiet, async (_request, reply) =>
    reply.headers(trackingHeaders).type('text/plain; charset=utf-8').send(robotsTxt),
  );

  instance.get('/o/:token', quiet, async (request, reply) => {
    const file = tokenOf(request);
    // The same image whether or not the token is known, so the pixel reveals nothing.
    if (file.endsWith('.gif')) await tracker.open(file.slice(0, -4), facts(request));
    return reply.status(200).headers(pixelHeaders).send(pixelGif);
  });

  instance.get('/l/:token', quiet, async (request, reply) =>
    answer(reply, await tracker.click(tokenOf(request), facts(request))),
  );

  instance.post('/l/:token', quiet, async (request, reply) =>
    answer(reply, await tracker.submit(tokenOf(request), facts(request))),
  );

  instance.post('/l/:token/c', quiet, async (request, reply) => {
    if (!(await tracker.confirm(tokenOf(request), facts(request)))) return notFound(reply);
    return reply.status(204).headers(trackingHeaders).send();
  });
}
