import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { cabinetDecider, cabinetStreamId } from '../../domain/cabinet';

/** PATCH /cabinets/:id: the name, the time zone or both, decided at once (both change or neither). */
@Injectable()
export class ChangeCabinetHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string, changes: { readonly name?: string | null; readonly timeZone?: string | null }): Promise<void> {
    await this.access.require(caller.principal.accountId, 'cabinet.manage', { kind: 'cabinet', cabinetId }, 'Cabinet');
    await handleCommand(this.store, cabinetStreamId(cabinetId), cabinetDecider, {
      type: 'ChangeCabinet',
      data: { byAccountId: caller.principal.accountId, name: changes.name?.trim() ?? undefined, timeZone: changes.timeZone ?? undefined },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
