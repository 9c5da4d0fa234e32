/** The services behind the gateway in the distributed profile, each its own process. */
export const upstreamServices = ['identity', 'access-grant', 'planning', 'patient-records', 'accounting'] as const;
export type UpstreamService = (typeof upstreamServices)[number];

export interface OwnedPaths {
  /** Paths under /api/v1 the service answers, each with everything below it. */
  readonly subtrees: readonly string[];
  /** Endpoints reachable without an access token; every other proxied route needs a valid one. */
  readonly publicEndpoints?: readonly { readonly method: 'POST'; readonly path: string }[];
}

/**
 * Which service owns which part of the API. Overlaps are settled by Fastify's router, which
 * prefers a literal segment to a parameter and a parameter to a wildcard: `/cabinets/:id/patients`
 * goes to patient-records although `/cabinets` and all below it belong to access-grant.
 */
export const serviceRoutes: Readonly<Record<UpstreamService, OwnedPaths>> = {
  identity: {
    subtrees: ['/auth', '/me', '/accounts'],
    publicEndpoints: [
      { method: 'POST', path: '/auth/register' },
      { method: 'POST', path: '/auth/login' },
      // The login's second step: the challenge in its body stands in for the token it leads to.
      { method: 'POST', path: '/auth/login/two-factor' },
      { method: 'POST', path: '/auth/refresh' },
      { method: 'POST', path: '/auth/password-reset' },
      { method: 'POST', path: '/auth/password-reset/confirm' },
    ],
  },
  'access-grant': { subtrees: ['/cabinets', '/invitations', '/delegations'] },
  planning: { subtrees: ['/cabinets/:cabinetId/appointments', '/appointments'] },
  'patient-records': { subtrees: ['/cabinets/:cabinetId/patients', '/patients', '/consultations', '/reminders'] },
  accounting: { subtrees: ['/ledgers'] },
};

/** The variable that gives the gateway a service's base URL: IDENTITY_URL, ACCESS_GRANT_URL, … */
export function upstreamUrlVariable(service: UpstreamService): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}
