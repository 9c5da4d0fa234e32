import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { cabinetDecider, cabinetStreamId } from '../../domain/cabinet';
import { AccountDirectory } from '../account-directory/account-directory';

/** A colleague is another osteopath: the invitee must already have a main account. */
@Injectable()
export class InviteColleagueHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly directory: AccountDirectory,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string, email: string): Promise<{ invitationId: string }> {
    await this.access.require(caller.principal.accountId, 'cabinet.manage', { kind: 'cabinet', cabinetId }, 'Cabinet');
    const inviteeEmail = email.trim().toLowerCase();
    const invitee = await this.directory.byEmail(inviteeEmail);
    if (!invitee || invitee.kind !== 'main') {
      throw new Rejection(
        'invalid',
        'INVITATION.NOT_A_MAIN_ACCOUNT',
        'email must be the address of an existing main account: the colleague registers first, then you invite them',
      );
    }
    const invitationId = randomUUID();
    await handleCommand(this.store, cabinetStreamId(cabinetId), cabinetDecider, {
      type: 'InviteColleague',
      data: { byAccountId: caller.principal.accountId, invitationId, inviteeAccountId: invitee.accountId, inviteeEmail },
      metadata: commandMetadata(caller, this.clock.now()),
    });
    return { invitationId };
  }
}
