import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { DEFAULT_CABINET_TIME_ZONE } from '@osteo/contracts';
import { Clock } from '@osteo/platform';
import { cabinetDecider, cabinetStreamId } from '../../domain/cabinet';
import { Caller, commandMetadata } from '@osteo/auth';

@Injectable()
export class OpenCabinetHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, input: { readonly name: string; readonly address?: string; readonly timeZone?: string }): Promise<{ cabinetId: string }> {
    if (caller.principal.kind !== 'main') {
      throw new Rejection('forbidden', 'CABINET.MAIN_ACCOUNT_REQUIRED', 'Only a main account may open a cabinet');
    }
    const cabinetId = randomUUID();
    await handleCommand(this.store, cabinetStreamId(cabinetId), cabinetDecider, {
      type: 'OpenCabinet',
      data: {
        cabinetId,
        ownerId: caller.principal.accountId,
        name: input.name.trim(),
        address: input.address?.trim() || null,
        timeZone: input.timeZone ?? DEFAULT_CABINET_TIME_ZONE,
      },
      metadata: commandMetadata(caller, this.clock.now()),
    });
    return { cabinetId };
  }
}
