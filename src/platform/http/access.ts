import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { isUuid } from '../ids.ts';

/**
 * Every permission a route may declare. A route under /api/v1 without one is refused at registration
 * (deny by default), so a forgotten declaration fails the test suite instead of opening a hole.
 */
export const permissions = [
  'context:read',
  'dsos:read',
  'dsos:write',
  'dsos:create',
  'regions:read',
  'regions:write',
  'practices:read',
  'practices:write',
  'people:read',
  'people:write',
  'people:import',
  'audit:read',
  'audit:export',
] as const;
export type Permission = (typeof permissions)[number];

/** Whether a route acts inside one DSO (tenant) or across the installation (platform). */
export type RouteScope = 'dso' | 'platform';

export interface RouteAccess {
  readonly permission: Permission;
  readonly scope: RouteScope;
}

/** Who is calling. Until sign-in exists the only principal is the local operator on loopback. */
export interface Principal {
  readonly kind: 'local-operator';
  readonly role: 'dso_admin';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal;
    /** Who acts, for the audit trail. */
    actor: Actor;
    /** The DSO the request acts in; set for routes of scope 'dso'. */
    dsoId: string;
  }
}

export const dsoHeader = 'enamel-dso';

/** Resolves the DSO of the local operator: the chosen one by header, else the only one. */
export async function resolveDso(db: Kysely<Database>, requested: string | undefined): Promise<string> {
  if (requested !== undefined) {
    const found = isUuid(requested)
      ? await db.selectFrom('dsos').select('id').where('id', '=', requested).executeTakeFirst()
      : undefined;
    if (!found)
      throw new AppError('NOT_FOUND', `DSO "${requested}" named by the Enamel-Dso header was not found.`);
    return found.id;
  }
  const rows = await db.selectFrom('dsos').select('id').limit(2).execute();
  if (rows.length === 0) {
    throw new AppError(
      'DSO_NOT_CONFIGURED',
      'No DSO exists yet: create one first (POST /api/v1/dsos or `enamel demo`).',
    );
  }
  if (rows.length > 1) {
    throw new AppError('DSO_NOT_CONFIGURED', 'Several DSOs exist: choose one with the Enamel-Dso header.');
  }
  return (rows[0] as { id: string }).id;
}

/** The single route-level access check: every /api/v1 route passes through it. */
export function createAccessHook(db: Kysely<Database>) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    request.principal = { kind: 'local-operator', role: 'dso_admin' };
    request.actor = {
      type: 'operator',
      id: null,
      label: 'local operator',
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    };
    if (access.scope !== 'dso') return;
    const header = request.headers[dsoHeader];
    request.dsoId = await resolveDso(db, Array.isArray(header) ? header[0] : header);
  };
}

export const apiPrefix = '/api/v1';

export interface ApiRoute {
  readonly method: string;
  readonly url: string;
  readonly permission: Permission;
  readonly scope: RouteScope;
}

/**
 * The onRoute guard: an API route without an access declaration is refused at registration (deny by default);
 * the others are collected for the route-by-route isolation table.
 */
export function collectApiRoute(
  route: Pick<RouteOptions, 'method' | 'url' | 'config'>,
  into: ApiRoute[],
): void {
  if (!route.url.startsWith(apiPrefix)) return;
  const declared = (route.config as { access?: RouteAccess } | undefined)?.access;
  if (!declared || !permissions.includes(declared.permission)) {
    throw new Error(`Route ${String(route.method)} ${route.url} declares no known access permission.`);
  }
  for (const method of [route.method].flat()) {
    if (method !== 'HEAD')
      into.push({ method, url: route.url, permission: declared.permission, scope: declared.scope });
  }
}
