import { Injectable } from '@nestjs/common';
import { AccessReader } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { AccountNames } from '../account-names/account-names';
import { InviteeAddresses } from '../invitee-addresses/invitee-addresses.projection';
import { INVITATIONS, InvitationView } from '../invitations/invitations.projection';

export type InvitationListing = Omit<InvitationView, '_id'> & {
  /** The cabinet's current name; null only if its opening has not been projected yet. */
  readonly cabinetName: string | null;
  /** The inviter's name (the cabinet's owner); null while identity's account event has not reached access-grant. */
  readonly ownerDisplayName: string | null;
  /** The address the owner typed, as a colleague's `email` (list-colleagues.query.ts). */
  readonly inviteeEmail: string | null;
  readonly inviteeDisplayName: string | null;
};

/** GET /invitations: the caller's pending invitations to share a cabinet, and those they sent, with the names a person reads. */
@Injectable()
export class ListInvitationsQuery {
  constructor(
    private readonly readStore: ReadStore,
    private readonly reader: AccessReader,
    private readonly accountNames: AccountNames,
    private readonly inviteeAddresses: InviteeAddresses,
  ) {}

  async execute(accountId: string): Promise<{ received: InvitationListing[]; sent: InvitationListing[] }> {
    const invitations = this.readStore.collection<InvitationView>(INVITATIONS);
    const [received, sent] = await Promise.all([
      invitations.find({ inviteeAccountId: accountId, status: 'pending' }),
      invitations.find({ ownerId: accountId }),
    ]);
    const all = [...received, ...sent];
    const names = await this.accountNames.of(all.flatMap((invitation) => [invitation.ownerId, invitation.inviteeAccountId]));
    const addresses = await this.inviteeAddresses.of(all.map((invitation) => invitation.invitationId));
    const cabinetNames = new Map<string, string | null>();
    for (const cabinetId of new Set(all.map((invitation) => invitation.cabinetId))) {
      cabinetNames.set(cabinetId, (await this.reader.cabinet(cabinetId))?.name ?? null);
    }
    const listing = ({ _id: _key, ...invitation }: InvitationView): InvitationListing => ({
      invitationId: invitation.invitationId,
      cabinetId: invitation.cabinetId,
      ownerId: invitation.ownerId,
      inviteeAccountId: invitation.inviteeAccountId,
      status: invitation.status,
      cabinetName: cabinetNames.get(invitation.cabinetId) ?? null,
      ownerDisplayName: names.get(invitation.ownerId)?.displayName ?? null,
      inviteeEmail: addresses.get(invitation.invitationId) ?? null,
      inviteeDisplayName: names.get(invitation.inviteeAccountId)?.displayName ?? null,
    });
    return { received: received.map(listing), sent: sent.map(listing) };
  }
}
