import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ServiceDeps } from '../../platform/context.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { pendingMigrations } from '../../platform/db/migrate.ts';
import { typed } from '../../platform/http/routes.ts';

/** Probes: health and readiness. */
export async function systemRoutes(
  instance: FastifyInstance,
  { database }: { deps: ServiceDeps; database: DatabaseHandle },
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
}
