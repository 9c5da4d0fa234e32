import { Injectable } from '@nestjs/common';
import { ReadStore } from '@osteo/read-store';
import { INVITATIONS, InvitationView } from '../invitations/invitations.projection';

export type InvitationListing = Omit<InvitationView, '_id'>;

/** GET /invitations: the caller's pending invitations to share a practice, and those they sent. */
@Injectable()
export class ListInvitationsQuery {
  constructor(private readonly readStore: ReadStore) {}

  async execute(accountId: string): Promise<{ received: InvitationListing[]; sent: InvitationListing[] }> {
    const invitations = this.readStore.collection<InvitationView>(INVITATIONS);
    const [received, sent] = await Promise.all([
      invitations.find({ inviteeAccountId: accountId, status: 'pending' }),
      invitations.find({ ownerId: accountId }),
    ]);
    const listing = ({ _id: _key, ...invitation }: InvitationView): InvitationListing => invitation;
    return { received: received.map(listing), sent: sent.map(listing) };
  }
}
