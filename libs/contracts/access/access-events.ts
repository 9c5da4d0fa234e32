import type { IntegrationEnvelope } from '../envelope';
import type { JsonSchema, PublicEventContract } from '../json-schema';
import { Topics } from '../topics';

/**
 * What access-grant tells the platform: who may work where. Every service that enforces access
 * builds its access projection from these events (libs/auth). Stream ids: `practice-<cabinetId>`
 * and `delegation-<delegationId>`, the message key on the topic.
 */
export type DelegatedRole = 'secretary' | 'substitute' | 'accountant';
export const delegatedRoles: readonly DelegatedRole[] = ['secretary', 'substitute', 'accountant'];

export type PracticeOpenedV1 = { readonly cabinetId: string; readonly ownerId: string; readonly name: string; readonly address: string | null };
export type PracticeRenamedV1 = { readonly cabinetId: string; readonly ownerId: string; readonly name: string };
export type PracticeClosedV1 = { readonly cabinetId: string; readonly ownerId: string };
export type ColleagueInvitedV1 = {
  readonly invitationId: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly inviteeAccountId: string;
};
export type ColleagueJoinedV1 = { readonly invitationId: string; readonly cabinetId: string; readonly ownerId: string; readonly colleagueAccountId: string };
export type ColleagueRemovedV1 = { readonly cabinetId: string; readonly ownerId: string; readonly colleagueAccountId: string };

export type DelegationGrantedV1 = {
  readonly delegationId: string;
  readonly ownerId: string;
  /** Lower-cased. The account is created by identity when none exists for it. */
  readonly granteeEmail: string;
  /** Known when an account already existed at grant time; else set by DelegationActivated. */
  readonly granteeAccountId: string | null;
  readonly role: DelegatedRole;
  readonly cabinetIds: readonly string[];
  /** Substitutes only: the share of each fee retroceded, in basis points (30 % = 3000). */
  readonly retrocessionBasisPoints: number | null;
  /** Last day of a replacement period (YYYY-MM-DD, inclusive); null: until revoked. */
  readonly endsOn: string | null;
};
export type DelegationActivatedV1 = { readonly delegationId: string; readonly ownerId: string; readonly granteeAccountId: string };
export type DelegationPracticesChangedV1 = { readonly delegationId: string; readonly ownerId: string; readonly cabinetIds: readonly string[] };
export type DelegationRetrocessionChangedV1 = { readonly delegationId: string; readonly ownerId: string; readonly retrocessionBasisPoints: number };
export type DelegationRevokedV1 = { readonly delegationId: string; readonly ownerId: string };

export type AccessPublicEvent =
  | IntegrationEnvelope<'PracticeOpened', PracticeOpenedV1>
  | IntegrationEnvelope<'PracticeRenamed', PracticeRenamedV1>
  | IntegrationEnvelope<'PracticeClosed', PracticeClosedV1>
  | IntegrationEnvelope<'ColleagueInvited', ColleagueInvitedV1>
  | IntegrationEnvelope<'ColleagueJoined', ColleagueJoinedV1>
  | IntegrationEnvelope<'ColleagueRemoved', ColleagueRemovedV1>
  | IntegrationEnvelope<'DelegationGranted', DelegationGrantedV1>
  | IntegrationEnvelope<'DelegationActivated', DelegationActivatedV1>
  | IntegrationEnvelope<'DelegationPracticesChanged', DelegationPracticesChangedV1>
  | IntegrationEnvelope<'DelegationRetrocessionChanged', DelegationRetrocessionChangedV1>
  | IntegrationEnvelope<'DelegationRevoked', DelegationRevokedV1>;

export type AccessEventType = AccessPublicEvent['type'];

const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
const ids: JsonSchema = { type: 'array', items: id };
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});
const contract = (type: AccessEventType, description: string, dataSchema: JsonSchema): PublicEventContract => ({
  type,
  version: 1,
  topic: Topics.access,
  description,
  dataSchema,
});

export const accessEventContracts: readonly PublicEventContract[] = [
  contract('PracticeOpened', 'An owner opened a practice.', object({ cabinetId: id, ownerId: id, name: { type: 'string', minLength: 1, maxLength: 120 }, address: { type: ['string', 'null'], maxLength: 300 } })),
  contract('PracticeRenamed', 'The owner renamed a practice.', object({ cabinetId: id, ownerId: id, name: { type: 'string', minLength: 1, maxLength: 120 } })),
  contract('PracticeClosed', 'The owner closed a practice: nobody works in it any more.', object({ cabinetId: id, ownerId: id })),
  contract('ColleagueInvited', 'The owner invited another main account to share a practice.', object({ invitationId: id, cabinetId: id, ownerId: id, inviteeAccountId: id })),
  contract('ColleagueJoined', 'The invitee accepted: a colleague in that practice.', object({ invitationId: id, cabinetId: id, ownerId: id, colleagueAccountId: id })),
  contract('ColleagueRemoved', 'The owner removed a colleague from a practice.', object({ cabinetId: id, ownerId: id, colleagueAccountId: id })),
  contract(
    'DelegationGranted',
    'The owner gave a specific account (secretary, substitute, accountant) access to some of their practices.',
    object({
      delegationId: id,
      ownerId: id,
      granteeEmail: { type: 'string', format: 'email' },
      granteeAccountId: { type: ['string', 'null'], maxLength: 64 },
      role: { type: 'string', enum: ['secretary', 'substitute', 'accountant'] },
      cabinetIds: ids,
      retrocessionBasisPoints: { type: ['integer', 'null'], minimum: 0, maximum: 10000 },
      endsOn: { type: ['string', 'null'], format: 'date' },
    }),
  ),
  contract('DelegationActivated', "The grantee's account exists: the delegation is in force.", object({ delegationId: id, ownerId: id, granteeAccountId: id })),
  contract('DelegationPracticesChanged', 'The owner changed the practices a delegation covers.', object({ delegationId: id, ownerId: id, cabinetIds: ids })),
  contract(
    'DelegationRetrocessionChanged',
    "The owner changed a substitute's retrocession rate (applies to consultations completed from now on).",
    object({ delegationId: id, ownerId: id, retrocessionBasisPoints: { type: 'integer', minimum: 0, maximum: 10000 } }),
  ),
  contract('DelegationRevoked', 'The owner revoked a delegation: its access is gone.', object({ delegationId: id, ownerId: id })),
];
