import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, apiErrorFrom } from './api-error';
import type { paths } from './schema';
import type { SessionStore } from '../session/session-store';

export type ApiClient = ReturnType<typeof createClient<paths>>;

/**
 * The typed client of the API (types generated from the OpenAPI document the gateway serves:
 * `npm run generate:api-client`). Every request carries the in-memory access token; a 401 gets
 * one silent refresh and one retry before the person is sent back to the login page.
 */
export function createApiClient(session: SessionStore): ApiClient {
  const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
  const retryable = new WeakMap<Request, Request>();
  const authenticate: Middleware = {
    onRequest({ request }) {
      const token = session.accessToken;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      retryable.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response }) {
      if (response.status !== 401 || request.url.includes('/api/v1/auth/')) return response;
      const copy = retryable.get(request);
      if (!copy || !(await session.refresh())) return response;
      copy.headers.set('authorization', `Bearer ${session.accessToken}`);
      return fetch(copy);
    },
  };
  client.use(authenticate);
  return client;
}

/**
 * The data of an openapi-fetch answer, or the ApiError to show. Query hooks and mutations use
 * this so that every screen reads refusals the same way.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (!result.response.ok) throw apiErrorFrom(result.response.status, result.error);
  return result.data as T;
}
