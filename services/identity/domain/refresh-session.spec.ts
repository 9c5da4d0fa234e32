import { specFor } from '@osteo/event-sourcing/decider-spec';
import { RefreshSessionEvent, refreshSessionDecider } from './refresh-session';

const now = new Date('2026-03-02T08:30:00.000Z');
const metadata = { now };
const started: RefreshSessionEvent = {
  type: 'SessionStarted',
  data: { sessionId: 's-1', accountId: 'acc-1', tokenHash: 't1', expiresAt: '2026-04-01T00:00:00.000Z', passwordVersion: 0, startedAt: '2026-03-01T00:00:00.000Z' },
};
const rotated: RefreshSessionEvent = { type: 'RefreshTokenRotated', data: { tokenHash: 't2', expiresAt: '2026-04-01T00:00:00.000Z', rotatedAt: '2026-03-01T01:00:00.000Z' } };
const rotate = (presentedTokenHash: string, accountPasswordVersion = 0) =>
  ({ type: 'RotateRefreshToken', data: { presentedTokenHash, nextTokenHash: 'next', expiresAt: '2026-04-02T00:00:00.000Z', accountPasswordVersion }, metadata }) as const;

describe('refresh session decider', () => {
  const spec = specFor(refreshSessionDecider);

  it('given a session, when presenting the current token, then it rotates to the next one', () => {
    spec.given([started]).when(rotate('t1')).then([{ type: 'RefreshTokenRotated', data: { tokenHash: 'next', expiresAt: '2026-04-02T00:00:00.000Z', rotatedAt: now.toISOString() } }]);
  });

  it('given a rotated session, when presenting the spent token, then the whole session is revoked', () => {
    spec.given([started, rotated]).when(rotate('t1')).then([{ type: 'SessionRevoked', data: { reason: 'refresh-token-reused', revokedAt: now.toISOString() } }]);
  });

  it('given a revoked session, when presenting even the latest token, then it is refused', () => {
    const revoked: RefreshSessionEvent = { type: 'SessionRevoked', data: { reason: 'refresh-token-reused', revokedAt: now.toISOString() } };
    spec.given([started, rotated, revoked]).when(rotate('t2')).thenThrows('AUTH.SESSION_REVOKED');
  });

  it('given a session, when presenting an unknown token, then it is refused without revoking', () => {
    spec.given([started]).when(rotate('forged')).thenThrows('AUTH.INVALID_REFRESH_TOKEN');
  });

  it('given an expired session, when rotating, then it is refused', () => {
    const expired: RefreshSessionEvent = { ...started, data: { ...started.data, expiresAt: '2026-03-02T08:29:59.999Z' } } as RefreshSessionEvent;
    spec.given([expired]).when(rotate('t1')).thenThrows('AUTH.SESSION_EXPIRED');
  });

  it('given a session from before a password change, when rotating, then it is over', () => {
    spec.given([started]).when(rotate('t1', 1)).thenThrows('AUTH.SESSION_ENDED');
  });

  it('given nothing, when rotating, then the token is not valid', () => {
    spec.given([]).when(rotate('t1')).thenThrows('AUTH.INVALID_REFRESH_TOKEN');
  });

  it('given a session, when logging out with its current token, then it is revoked', () => {
    spec
      .given([started])
      .when({ type: 'EndSession', data: { presentedTokenHash: 't1' }, metadata })
      .then([{ type: 'SessionRevoked', data: { reason: 'logged-out', revokedAt: now.toISOString() } }]);
  });
});
