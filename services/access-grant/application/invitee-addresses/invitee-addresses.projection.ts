import { Injectable } from '@nestjs/common';
import type { IntegrationEnvelope } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { ReadStore } from '@osteo/read-store';

/**
 * The address an owner typed to invite a colleague, by invitation: what the owner's lists show
 * next to the colleague. It never leaves access-grant (ColleagueInvited on access.events carries
 * no address, and identity publishes none), so it is fed from this service's own store
 * (invitee-addresses.reactor.ts). Invitations stored before #11 carry none: no document.
 */
export type InviteeAddress = { readonly _id: string; readonly email: string };

export const INVITEE_ADDRESSES = 'access_grant_invitee_addresses';

export const inviteeAddressesProjection: DocumentProjection<InviteeAddress> = {
  name: 'access-grant.invitee-addresses',
  collection: INVITEE_ADDRESSES,
  handles: ['ColleagueInvited'],
  documentId: (envelope: IntegrationEnvelope) => (typeof envelope.data.inviteeEmail === 'string' ? String(envelope.data.invitationId) : null),
  evolve(_known, envelope) {
    return { _id: String(envelope.data.invitationId), email: String(envelope.data.inviteeEmail) };
  },
};

@Injectable()
export class InviteeAddresses {
  constructor(private readonly readStore: ReadStore) {}

  /** By invitation id; an invitation without a known address is absent. One `_id` lookup each. */
  async of(invitationIds: Iterable<string>): Promise<ReadonlyMap<string, string>> {
    const addresses = this.readStore.collection<InviteeAddress>(INVITEE_ADDRESSES);
    const found = await Promise.all([...new Set(invitationIds)].map((_id) => addresses.findOne({ _id })));
    return new Map(found.filter((known): known is InviteeAddress => known !== null).map(({ _id, email }) => [_id, email]));
  }
}
