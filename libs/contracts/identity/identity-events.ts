import type { IntegrationEnvelope } from '../envelope';
import type { PublicEventContract } from '../json-schema';
import { Topics } from '../topics';

/**
 * What identity tells the rest of the platform. Never a password or a hash: those stay in
 * identity's own event store.
 */
export type IdentityPublicEvent =
  | IntegrationEnvelope<'AccountRegistered', AccountRegisteredV1>
  | IntegrationEnvelope<'AccountPasswordChanged', AccountPasswordChangedV1>
  | IntegrationEnvelope<'SessionEnded', SessionEndedV1>;

export type AccountRegisteredV1 = {
  readonly accountId: string;
  /** Lower-cased; unique across the platform. */
  readonly email: string;
  readonly displayName: string;
  /** `main`: an osteopath's own account. `specific`: created by provisioning for a delegation. */
  readonly kind: 'main' | 'specific';
  readonly mustChangePassword: boolean;
};

export type AccountPasswordChangedV1 = {
  readonly accountId: string;
};

/**
 * One login session is over: its refresh token no longer works, and every service refuses its
 * access tokens (claim `sid`) from then on. A password change or reset ends every session of the
 * account started before it without this event: AccountPasswordChanged says so.
 */
export type SessionEndedV1 = {
  readonly sessionId: string;
  readonly accountId: string;
  /** `logged-out` by its holder; `refresh-token-reused`: a spent refresh token came back, so it leaked. */
  readonly reason: 'logged-out' | 'refresh-token-reused';
};

export const identityEventContracts: readonly PublicEventContract[] = [
  {
    type: 'AccountRegistered',
    version: 1,
    topic: Topics.identity,
    description: 'An account was created, by registration (main) or by provisioning for a delegation (specific).',
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'email', 'displayName', 'kind', 'mustChangePassword'],
      properties: {
        accountId: { type: 'string', minLength: 1 },
        email: { type: 'string', format: 'email' },
        displayName: { type: 'string', minLength: 1, maxLength: 120 },
        kind: { type: 'string', enum: ['main', 'specific'] },
        mustChangePassword: { type: 'boolean' },
      },
    },
  },
  {
    type: 'AccountPasswordChanged',
    version: 1,
    topic: Topics.identity,
    description:
      'The account holder changed the password, or reset it by e-mail (a temporary password is then no longer in force). Every session of the account started before it is over: services refuse its access tokens issued before occurredAt.',
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId'],
      properties: { accountId: { type: 'string', minLength: 1 } },
    },
  },
  {
    type: 'SessionEnded',
    version: 1,
    topic: Topics.identity,
    description:
      'A login session ended: logged out by its holder, or revoked because a spent refresh token was presented again. Services refuse its access tokens (claim sid) from then on.',
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['sessionId', 'accountId', 'reason'],
      properties: {
        sessionId: { type: 'string', minLength: 1 },
        accountId: { type: 'string', minLength: 1 },
        reason: { type: 'string', enum: ['logged-out', 'refresh-token-reused'] },
      },
    },
  },
];
