import { timingSafeEqual } from 'node:crypto';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * Every permission a route may declare. A route under /api/v1 without one is refused at registration
 * (deny by default), so a forgotten declaration fails the test suite instead of opening a hole.
 * `public` and `self` are for routes of those scopes.
 */
export const permissions = [
  'public',
  'self',
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
  'users:read',
  'users:write',
  'tokens:read',
  'tokens:write',
  'sso:read',
  'sso:write',
  'compliance:read',
  'compliance:write',
  'compliance:approve',
  'compliance:export',
  'signals:write',
  'phishing:read',
  'phishing:write',
  'reports:submit',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * How a route is reached: `public` needs no sign-in (first-run setup, sign-in itself); `self` needs any signed-in
 * user acting on their own account; `dso` needs the permission inside the caller's DSO.
 */
export type RouteScope = 'dso' | 'self' | 'public';

export interface RouteAccess {
  readonly permission: Permission;
  readonly scope: RouteScope;
  /** Reachable by a user who signed in with a password but has not passed MFA yet (enrolment, challenge). */
  readonly beforeMfa?: boolean;
}

/** Who is calling: a signed-in user (session cookie) or an API token. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly dsoId: string;
      readonly role: string;
      /** The practices a practice manager may act in; null means every practice of the DSO. */
      readonly practiceIds: readonly string[] | null;
      readonly sessionId: string;
      readonly csrfToken: string;
      readonly mfaPassed: boolean;
      readonly mfaRequired: boolean;
      readonly label: string;
    }
  | {
      readonly kind: 'token';
      readonly tokenId: string;
      readonly dsoId: string;
      readonly scopes: readonly string[];
      readonly label: string;
    };

/** The credentials a request carries: a bearer token and its cookies. */
export interface Credentials {
  readonly bearer: string | null;
  readonly cookies: Readonly<Record<string, string | undefined>>;
}

/** What the identity module provides to the access hook (the platform does not import modules). */
export interface Authenticator {
  authenticate(credentials: Credentials): Promise<Principal | null>;
  allows(principal: Principal, permission: Permission): boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set on every route that is not public. */
    principal: Principal;
    /** Who acts, for the audit trail. */
    actor: Actor;
    /** The DSO the request acts in (the principal's). */
    dsoId: string;
    /** The practices the caller may act in; null means all of the DSO's. */
    practiceIds: readonly string[] | null;
  }
}

export const csrfHeader = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function actorOf(principal: Principal, request: FastifyRequest): Actor {
  return {
    type: principal.kind,
    id: principal.kind === 'user' ? principal.userId : principal.tokenId,
    label: principal.label,
    ip: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
  };
}

function timingSafeEqualText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Cookie-authenticated writes must echo the session's CSRF token in a header a cross-site form cannot set. */
function checkCsrf(principal: Principal, request: FastifyRequest): void {
  if (principal.kind !== 'user' || safeMethods.has(request.method)) return;
  const sent = request.headers[csrfHeader];
  if (typeof sent !== 'string' || !timingSafeEqualText(sent, principal.csrfToken)) {
    throw new AppError(
      'AUTH_CSRF',
      'This change needs the X-CSRF-Token header of your session (reload the page).',
    );
  }
}

/**
 * The single route-level access check: every /api/v1 route passes through it. Deny by default: no principal
 * is 401, a missing permission 403; a resource of another DSO or practice is 404 in the service.
 */
export function createAccessHook(
  authenticator: Authenticator,
  onDenied: (
    request: FastifyRequest,
    actor: Actor,
    dsoId: string,
    reason: string,
  ) => Promise<void> = async () => {},
) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config.access;
    if (!access || access.scope === 'public') return;
    const authorization = request.headers.authorization;
    const principal = await authenticator.authenticate({
      bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : null,
      cookies: request.cookies ?? {},
    });
    if (!principal)
      throw new AppError('AUTH_REQUIRED', 'Sign in first: this needs a session or an API token.');
    checkCsrf(principal, request);
    if (principal.kind === 'user' && principal.mfaRequired && !principal.mfaPassed && !access.beforeMfa) {
      throw new AppError('AUTH_MFA_REQUIRED', 'Complete multi-factor authentication first.');
    }
    if (!authenticator.allows(principal, access.permission)) {
      // Refusals are evidence too (164.312(b)): who tried what, from where.
      await onDenied(request, actorOf(principal, request), principal.dsoId, access.permission);
      throw new AppError('AUTH_FORBIDDEN', `Your role does not allow ${access.permission}.`);
    }
    request.principal = principal;
    request.actor = actorOf(principal, request);
    request.dsoId = principal.dsoId;
    request.practiceIds = principal.kind === 'user' ? principal.practiceIds : null;
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
