import type { IntegrationEnvelope } from '../envelope';
import type { PublicEventContract } from '../json-schema';
import { Topics } from '../topics';

/**
 * What identity tells the rest of the platform. Never a password or a hash: those stay in
 * identity's own event store. Never an e-mail address since AccountRegistered v2 (#11): topics
 * are kept forever, so an address published there could never be erased.
 */
export type IdentityPublicEvent =
  | IntegrationEnvelope<'AccountRegistered', AccountRegisteredV2>
  | IntegrationEnvelope<'AccountRegistered', AccountRegisteredV1>
  | IntegrationEnvelope<'AccountPasswordChanged', AccountPasswordChangedV1>
  | IntegrationEnvelope<'AccountDisplayNameChanged', AccountDisplayNameChangedV1>
  | IntegrationEnvelope<'SessionEnded', SessionEndedV1>
  | IntegrationEnvelope<'AccountErased', AccountErasedV1>;

/**
 * What identity publishes for a new account. The address itself stays in identity: whoever must
 * match an address typed by a person (access-grant, inviting a colleague or delegating) computes
 * its digest with the same key (EMAIL_DIGEST_KEY) and compares.
 */
export type AccountRegisteredV2 = {
  readonly accountId: string;
  /** HMAC-SHA-256 of the trimmed, lower-cased address under EMAIL_DIGEST_KEY, in lower-case hex (libs/platform/email-digests.ts). */
  readonly emailDigest: string;
  /** A provisioned account's holder has given no name yet: it goes by its address's local part. */
  readonly displayName: string;
  readonly kind: 'main' | 'specific';
  readonly mustChangePassword: boolean;
};

/** Published before #11; consumers still read it, from topics or stores that hold it. */
export type AccountRegisteredV1 = {
  readonly accountId: string;
  /** Lower-cased; unique across the platform. */
  readonly email: string;
  readonly displayName: string;
  /** `main`: an osteopath's own account. `specific`: created by provisioning for a delegation. */
  readonly kind: 'main' | 'specific';
  readonly mustChangePassword: boolean;
};

/**
 * The holder chose how they appear to others (a provisioned account does so at its first login,
 * until then it goes by its address's local part). Whoever keeps names shows this one from then on.
 */
export type AccountDisplayNameChangedV1 = {
  readonly accountId: string;
  readonly displayName: string;
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

/**
 * A specific account was erased at its owner's request (the right to erasure): every session of
 * it is over (services refuse its access tokens issued before occurredAt), and whoever keeps its
 * name shows it as erased from then on. Its AccountRegistered, re-published, names it `[erased]`.
 */
export type AccountErasedV1 = {
  readonly accountId: string;
};

export const identityEventContracts: readonly PublicEventContract[] = [
  {
    type: 'AccountRegistered',
    version: 2,
    topic: Topics.identity,
    description:
      'An account was created, by registration (main) or by provisioning for a delegation (specific). No e-mail address: its keyed digest (HMAC-SHA-256 under EMAIL_DIGEST_KEY of the trimmed, lower-cased address), to match an address against.',
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'emailDigest', 'displayName', 'kind', 'mustChangePassword'],
      properties: {
        accountId: { type: 'string', minLength: 1 },
        emailDigest: { type: 'string', minLength: 64, maxLength: 64 },
        displayName: { type: 'string', minLength: 1, maxLength: 120 },
        kind: { type: 'string', enum: ['main', 'specific'] },
        mustChangePassword: { type: 'boolean' },
      },
    },
  },
  {
    type: 'AccountRegistered',
    version: 1,
    topic: Topics.identity,
    description: 'Version 1, published before version 2 and no longer: it carried the e-mail address. Consumers still read it where topics keep it.',
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
    type: 'AccountDisplayNameChanged',
    version: 1,
    topic: Topics.identity,
    description:
      'The account holder chose the name they appear by (a provisioned account at its first login, until then named after its address). Read models that keep names show it from then on. No e-mail address.',
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['accountId', 'displayName'],
      properties: {
        accountId: { type: 'string', minLength: 1 },
        displayName: { type: 'string', minLength: 1, maxLength: 120 },
      },
    },
  },
  {
    type: 'AccountErased',
    version: 1,
    topic: Topics.identity,
    description:
      'A specific account was erased (right to erasure): its sessions are over (services refuse its access tokens issued before occurredAt) and read models show its name as erased. Nothing else of it is published.',
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
