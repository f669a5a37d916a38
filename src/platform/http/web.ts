import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where the production build of the web app lives. */
export const defaultWebDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export function hasWebBuild(webDir: string): boolean {
  return fs.existsSync(path.join(webDir, 'index.html'));
}

/** Serves the built web app at `/`; unknown non-API GETs that accept HTML get index.html (client-side routes). */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<boolean> {
  if (!hasWebBuild(webDir)) return false;
  await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  return true;
}

export function isClientRoute(method: string, url: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (url.startsWith('/api/') || url === '/api' || url.startsWith('/metrics') || url.startsWith('/healthz'))
    return false;
  return (accept ?? '').includes('text/html');
}
