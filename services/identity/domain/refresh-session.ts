import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';

/**
 * A login session: one family of refresh tokens. Each token works once and is replaced by the
 * next; presenting a spent one means it leaked, so the whole family is revoked (and the thief
 * and the owner both have to log in again). Only hashes of tokens are ever stored.
 */
export type RefreshSessionCommand =
  | {
      readonly type: 'StartSession';
      readonly data: {
        readonly sessionId: string;
        readonly accountId: string;
        readonly tokenHash: string;
        readonly expiresAt: string;
        readonly passwordVersion: number;
      };
      readonly metadata: CommandMetadata;
    }
  | {
      readonly type: 'RotateRefreshToken';
      readonly data: {
        readonly presentedTokenHash: string;
        readonly nextTokenHash: string;
        readonly expiresAt: string;
        /** The account's password version now: a session started before a password change is over. */
        readonly accountPasswordVersion: number;
      };
      readonly metadata: CommandMetadata;
    }
  | {
      readonly type: 'EndSession';
      readonly data: { readonly presentedTokenHash: string };
      readonly metadata: CommandMetadata;
    };

export type RefreshSessionEvent =
  | {
      readonly type: 'SessionStarted';
      readonly data: {
        readonly sessionId: string;
        readonly accountId: string;
        readonly tokenHash: string;
        readonly expiresAt: string;
        readonly passwordVersion: number;
        readonly startedAt: string;
      };
    }
  | { readonly type: 'RefreshTokenRotated'; readonly data: { readonly tokenHash: string; readonly expiresAt: string; readonly rotatedAt: string } }
  | { readonly type: 'SessionRevoked'; readonly data: { readonly reason: 'refresh-token-reused' | 'logged-out'; readonly revokedAt: string } };

export type RefreshSessionState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'revoked';
      readonly accountId: string;
      readonly currentTokenHash: string;
      readonly spentTokenHashes: readonly string[];
      readonly expiresAt: string;
      readonly passwordVersion: number;
    };

export const refreshSessionStreamId = (sessionId: string): string => `session-${sessionId}`;
export const sessionIdOfStream = (streamId: string): string => streamId.slice('session-'.length);

const unknownToken = () => new Rejection('unauthenticated', 'AUTH.INVALID_REFRESH_TOKEN', 'This refresh token is not valid');

export const refreshSessionDecider: Decider<RefreshSessionCommand, RefreshSessionEvent, RefreshSessionState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'StartSession':
        if (state.status !== 'absent') throw new Rejection('conflict', 'SESSION.ALREADY_STARTED', 'Session already started');
        return [{ type: 'SessionStarted', data: { ...command.data, startedAt: command.metadata.now.toISOString() } }];
      case 'RotateRefreshToken': {
        if (state.status === 'absent') throw unknownToken();
        if (state.status === 'revoked') {
          throw new Rejection('unauthenticated', 'AUTH.SESSION_REVOKED', 'This session was ended; log in again');
        }
        if (state.spentTokenHashes.includes(command.data.presentedTokenHash)) {
          return [{ type: 'SessionRevoked', data: { reason: 'refresh-token-reused', revokedAt: command.metadata.now.toISOString() } }];
        }
        if (state.currentTokenHash !== command.data.presentedTokenHash) throw unknownToken();
        if (state.passwordVersion !== command.data.accountPasswordVersion) {
          throw new Rejection('unauthenticated', 'AUTH.SESSION_ENDED', 'The password changed since this session began; log in again');
        }
        if (Date.parse(state.expiresAt) <= command.metadata.now.getTime()) {
          throw new Rejection('unauthenticated', 'AUTH.SESSION_EXPIRED', 'This session has expired; log in again');
        }
        return [
          {
            type: 'RefreshTokenRotated',
            data: { tokenHash: command.data.nextTokenHash, expiresAt: command.data.expiresAt, rotatedAt: command.metadata.now.toISOString() },
          },
        ];
      }
      case 'EndSession':
        if (state.status === 'absent') throw unknownToken();
        if (state.status === 'revoked') return [];
        if (state.currentTokenHash !== command.data.presentedTokenHash) throw unknownToken();
        return [{ type: 'SessionRevoked', data: { reason: 'logged-out', revokedAt: command.metadata.now.toISOString() } }];
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SessionStarted':
        return {
          status: 'active',
          accountId: event.data.accountId,
          currentTokenHash: event.data.tokenHash,
          spentTokenHashes: [],
          expiresAt: event.data.expiresAt,
          passwordVersion: event.data.passwordVersion,
        };
      case 'RefreshTokenRotated':
        if (state.status === 'absent') return state;
        return {
          ...state,
          currentTokenHash: event.data.tokenHash,
          spentTokenHashes: [...state.spentTokenHashes, state.currentTokenHash],
          expiresAt: event.data.expiresAt,
        };
      case 'SessionRevoked':
        if (state.status === 'absent') return state;
        return { ...state, status: 'revoked' };
      default:
        return unreachable(event);
    }
  },
};
