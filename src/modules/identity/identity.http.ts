import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Principal } from '../../platform/http/access.ts';
import { type ClientInfo, sessionCookie } from './identity.service.ts';

/** Request helpers shared by the identity route plugins (password, links, passkeys, SSO). */

export function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The signed-in person behind a `self` route; an API token cannot act as one. */
export function userOf(request: FastifyRequest): Extract<Principal, { kind: 'user' }> {
  const principal = request.principal;
  if (principal.kind !== 'user') {
    throw new AppError('AUTH_FORBIDDEN', 'This needs a signed-in person, not an API token.');
  }
  return principal;
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, ending with the session. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
) {
  void reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    expires: new Date(expiresAt),
  });
}
