import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '@osteo/http';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { IdentitySettings } from '../application/ports';

/**
 * The browser's way of holding a refresh token: an HttpOnly cookie that only the `/auth` routes
 * receive, so no script (nor an XSS) can read it and the web app keeps just the access token, in
 * memory. A client asks for it with `X-Refresh-Token-Transport: cookie` on login, refresh and
 * logout. That custom header is also the CSRF guard: a cross-site form or a simple request cannot
 * set it, so the cookie alone never refreshes or ends anything (SameSite=Strict besides).
 */
export const REFRESH_TOKEN_COOKIE = 'osteo_refresh';
export const REFRESH_TOKEN_COOKIE_PATH = `/${API_PREFIX}/auth`;
export const REFRESH_TOKEN_TRANSPORT_HEADER = 'x-refresh-token-transport';
/**
 * A companion cookie scripts may read, holding no secret: it only tells the web application that
 * a refresh cookie was set, so that a first visit does not ask for a refresh it knows will fail.
 */
export const SESSION_HINT_COOKIE = 'osteo_session';

/** `body`: the refresh token travels in the JSON bodies (every client but a browser); `cookie`: in the cookie. */
export type RefreshTokenTransport = 'body' | 'cookie';

export function refreshTokenTransportOf(request: FastifyRequest): RefreshTokenTransport {
  const given = request.headers[REFRESH_TOKEN_TRANSPORT_HEADER];
  if (given === undefined) return 'body';
  if (given === 'cookie') return 'cookie';
  throw new Rejection('invalid', 'AUTH.UNKNOWN_TOKEN_TRANSPORT', `${REFRESH_TOKEN_TRANSPORT_HEADER} must be "cookie" when present`);
}

/**
 * The token a body-mode request presents. A request with the cookie but neither the header nor a
 * body token is what a forged cross-site request looks like: refused, 403.
 */
export function refreshTokenFromBody(request: FastifyRequest, bodyToken: string | undefined): string {
  if (bodyToken !== undefined) return bodyToken;
  if (refreshCookieOf(request) !== undefined) {
    throw new Rejection('forbidden', 'AUTH.CSRF_HEADER_REQUIRED', `The refresh token cookie is only read with the header ${REFRESH_TOKEN_TRANSPORT_HEADER}: cookie`);
  }
  throw new Rejection('invalid', 'AUTH.REFRESH_TOKEN_REQUIRED', `refreshToken is required in the body (or send ${REFRESH_TOKEN_TRANSPORT_HEADER}: cookie)`);
}

@Injectable()
export class RefreshTokenCookie {
  constructor(private readonly settings: IdentitySettings) {}

  /** The token the cookie holds; a missing cookie is answered like an invalid token. */
  read(request: FastifyRequest): string {
    const token = refreshCookieOf(request);
    if (!token) throw new Rejection('unauthenticated', 'AUTH.INVALID_REFRESH_TOKEN', 'This refresh token is not valid (no refresh token cookie)');
    return token;
  }

  /**
   * `Secure` when the browser reached the platform over HTTPS: the request came over TLS (or
   * through a trusted proxy that said so in X-Forwarded-Proto, which the gateway sets), or the
   * configured PUBLIC_URL is https (TLS ended before any proxy this process trusts).
   */
  set(request: FastifyRequest, reply: FastifyReply, token: string): void {
    void reply.header('set-cookie', this.serialize(request, token, this.settings.refreshTokenTtlSeconds));
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    void reply.header('set-cookie', this.serialize(request, '', 0));
  }

  private serialize(request: FastifyRequest, value: string, maxAgeSeconds: number): string[] {
    const secure = request.protocol === 'https' || this.settings.publicUrl.startsWith('https:');
    const attributes = [`Max-Age=${maxAgeSeconds}`, 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
    // The value is a token this service issued (RFC 6265 cookie-octets only), never user text.
    return [
      [`${REFRESH_TOKEN_COOKIE}=${value}`, `Path=${REFRESH_TOKEN_COOKIE_PATH}`, 'HttpOnly', ...attributes].join('; '),
      [`${SESSION_HINT_COOKIE}=${maxAgeSeconds > 0 ? '1' : ''}`, 'Path=/', ...attributes].join('; '),
    ];
  }
}

/**
 * The refresh cookie's value, read straight from the Cookie header: one cookie of a known name
 * whose value is never encoded (@fastify/cookie 11 loads its parser with a dynamic import()
 * that Jest's CommonJS runtime cannot run, and nothing else here needs cookies).
 */
function refreshCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === REFRESH_TOKEN_COOKIE) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
