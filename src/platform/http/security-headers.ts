import { createRequire } from 'node:module';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

interface HeaderRecorder {
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
}

type HelmetMiddleware = (request: unknown, response: HeaderRecorder, next: (error?: unknown) => void) => void;

/** helmet as @fastify/helmet resolves it, so the headers are exactly the ones that plugin sets. */
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (
  options: FastifyHelmetOptions,
) => HelmetMiddleware;

type HeaderOperation = readonly [name: string, value: string | null];

/** What helmet does to a response with these options, run once: set headers (value) and remove them (null). */
export function securityHeaderOperations(options: FastifyHelmetOptions): HeaderOperation[] {
  const directives = Object.values(
    (options.contentSecurityPolicy as { directives?: Record<string, unknown> } | undefined)?.directives ?? {},
  );
  if (directives.flat().some((value) => typeof value === 'function')) {
    throw new Error('Security headers are computed once: CSP directives must not be per-request functions.');
  }
  const operations: HeaderOperation[] = [];
  let failure: unknown;
  helmet(options)(
    undefined,
    {
      setHeader: (name, value) => void operations.push([name, value]),
      removeHeader: (name) => void operations.push([name, null]),
    },
    (error) => {
      failure = error;
    },
  );
  if (failure) throw failure;
  return operations;
}

/**
 * Helmet's security headers on every response. @fastify/helmet rebuilds helmet from its options on every
 * request (parsing the CSP each time); the headers depend only on the options, so they are computed once.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): void {
  const operations = securityHeaderOperations(options);
  app.addHook('onRequest', (_request, reply, done) => {
    const response = reply.raw;
    for (const [name, value] of operations) {
      if (value === null) response.removeHeader(name);
      else response.setHeader(name, value);
    }
    done();
  });
}
