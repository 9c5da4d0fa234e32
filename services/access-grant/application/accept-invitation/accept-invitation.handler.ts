import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { cabinetDecider, cabinetStreamId } from '../../domain/cabinet';
import { INVITATIONS, InvitationView } from '../invitations/invitations.projection';
import { Caller, commandMetadata } from '@osteo/auth';

@Injectable()
export class AcceptInvitationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, invitationId: string): Promise<void> {
    // The read model only says which cabinet holds the invitation; the cabinet decides.
    const invitation = await this.readStore.collection<InvitationView>(INVITATIONS).findOne({ _id: invitationId });
    if (!invitation) throw new Rejection('not_found', 'INVITATION.NOT_FOUND', 'No such invitation');
    await handleCommand(this.store, cabinetStreamId(invitation.cabinetId), cabinetDecider, {
      type: 'AcceptInvitation',
      data: { invitationId, byAccountId: caller.principal.accountId },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
