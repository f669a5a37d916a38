import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/log.ts';

/** A fixed master key for tests, so no key file is written anywhere. */
export const testMasterKey = Buffer.alloc(32, 7).toString('base64');

/** Every log line written during a test run, to assert that no secret or personal data appears. */
export const capturedLogs: string[] = [];

export function captureStream(): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      capturedLogs.push(String(chunk));
      done();
    },
  });
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly clock: ReturnType<typeof fixedClock>;
}

/** An app over the given database with a fixed clock and captured logs; no web build, rate limit off. */
export async function createTestApp(
  handle: DatabaseHandle,
  env: Record<string, string> = {},
  now = '2026-11-02T15:00:00.000Z',
): Promise<TestApp> {
  const clock = fixedClock(now);
  const config = loadConfig({
    ENAMEL_RATE_LIMIT: '0',
    LOG_LEVEL: 'info',
    ENAMEL_MASTER_KEY: testMasterKey,
    ...env,
  });
  const app = await buildApp({
    config,
    database: handle,
    logger: createLogger('info', captureStream()),
    clock,
    webDir: null,
  });
  await app.ready();
  return { app, clock };
}
