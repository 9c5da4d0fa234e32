import type { IntegrationEnvelope } from '../envelope';
import type { PublicEventContract } from '../json-schema';
import { Topics } from '../topics';

/**
 * What identity tells the rest of the platform. Never a password or a hash: those stay in
 * identity's own event store.
 */
export type IdentityPublicEvent =
  | IntegrationEnvelope<'AccountRegistered', AccountRegisteredV1>
  | IntegrationEnvelope<'AccountPasswordChanged', AccountPasswordChangedV1>;

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
    description: "The account holder changed the password (a temporary password is then no longer in force).",
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId'],
      properties: { accountId: { type: 'string', minLength: 1 } },
    },
  },
];
