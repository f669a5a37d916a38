import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ServiceDeps } from '../../platform/context.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { pendingMigrations } from '../../platform/db/migrate.ts';
import { isAppError } from '../../platform/errors.ts';
import { dsoHeader, resolveDso } from '../../platform/http/access.ts';
import { access, errorResponses, typed } from '../../platform/http/routes.ts';
import { dsoView, getDso } from '../org/index.ts';

const meView = z.object({
  principal: z.object({ kind: z.literal('local-operator'), role: z.string() }),
  dso: dsoView.nullable(),
  dsos: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** Probes (health, readiness) and the caller's context. */
export async function systemRoutes(
  instance: FastifyInstance,
  { deps, database }: { deps: ServiceDeps; database: DatabaseHandle },
): Promise<void> {
  const app = typed(instance);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      const pending = await pendingMigrations(database.db);
      if (pending.length > 0) {
        return reply
          .status(503)
          .send({ status: 'not_ready', reason: `migrations pending: ${pending.join(', ')}` });
      }
      return { status: 'ready', dialect: database.dialect };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'not_ready', reason: 'database unreachable' });
    }
  });

  app.get('/api/v1/me', {
    config: access('context:read', 'platform'),
    schema: { operationId: 'me.get', tags: ['context'], response: { 200: meView, ...errorResponses } },
    handler: async (request) => {
      const dsos = await deps.db
        .selectFrom('dsos')
        .select(['id', 'name'])
        .orderBy('name')
        .limit(200)
        .execute();
      const header = request.headers[dsoHeader];
      let dso = null;
      try {
        const id = await resolveDso(deps.db, Array.isArray(header) ? header[0] : header);
        dso = await getDso(deps, id);
      } catch (error) {
        // No DSO, or several without a choice: the UI offers setup or a switcher instead.
        if (!isAppError(error)) throw error;
      }
      return { principal: request.principal, dso, dsos };
    },
  });
}
