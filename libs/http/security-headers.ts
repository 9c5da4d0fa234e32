import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * What @fastify/helmet sends on every answer of every process (services, embedded platform,
 * distributed gateway), API, errors, 404s, the web application and the Swagger UI alike.
 *
 * The Content-Security-Policy allows only the origin's own scripts, none inline. Styles may be
 * inline: Mantine sets its theme as CSS variables at run time (a `<style>` element and `style`
 * attributes), and the Swagger UI page has an inline `<style>` too; that is the one relaxation.
 * The Swagger UI at /api/docs otherwise fits the strict policy as it is (its scripts and
 * stylesheet are files of the same origin, its icons `data:` URLs), so no route is exempted.
 * No `upgrade-insecure-requests`: the embedded profile is served over plain HTTP on loopback.
 *
 * Strict-Transport-Security is not helmet's (which would send it over plain HTTP too, where
 * browsers ignore it and it only misleads): sendHstsOverHttpsAndNoStoreOnApi adds it to answers
 * served over HTTPS, as seen directly or through a trusted proxy's X-Forwarded-Proto.
 */
export const securityHeaders: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      // Mantine's run-time CSS variables (and the Swagger UI's inline <style>) need inline styles.
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'object-src': ["'none'"],
    },
  },
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // nosniff, Cross-Origin-Opener/Resource-Policy same-origin, and the rest: helmet's defaults.
};

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * `Cache-Control: no-store` on every `/api/v1` answer: nearly every one carries patient data,
 * clinical notes, money or an account (records, consultations, access logs, ledgers and their
 * exports, /me, tokens), and the few that do not gain nothing from a cache. One rule with no
 * exception cannot forget a new route. The gateway's proxied answers get it too (and the
 * service behind already sent it).
 */
export function sendHstsOverHttpsAndNoStoreOnApi(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/v1/') || request.url === '/api/v1') void reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS_VALUE);
    return payload;
  });
}
