import { Injectable } from '@nestjs/common';
import { AccessReader, can, enforce } from '@osteo/auth';
import { EventStore, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { cabinetDecider, cabinetStreamId } from '../../domain/cabinet';

/**
 * Checks that every cabinet a delegation names is an open cabinet of the caller. Read from the
 * cabinets' own streams, not a read model: a cabinet opened a moment ago must be delegable.
 * Someone else's cabinet answers as the policy says (404 when the caller cannot see it, 403 when
 * they can), so its existence leaks to nobody.
 */
@Injectable()
export class OwnedCabinets {
  constructor(
    private readonly store: EventStore,
    private readonly reader: AccessReader,
  ) {}

  async requireAll(ownerId: string, cabinetIds: readonly string[]): Promise<void> {
    for (const cabinetId of cabinetIds) {
      const { state } = await loadAggregate(this.store, cabinetStreamId(cabinetId), cabinetDecider);
      if (state.status !== 'absent' && state.ownerId === ownerId) {
        if (state.status === 'closed') throw new Rejection('conflict', 'CABINET.CLOSED', `Cabinet ${cabinetId} is closed`);
        continue;
      }
      const decision = state.status === 'absent' ? 'not_found' : can(await this.reader.principalAccess(ownerId), 'cabinet.manage', { kind: 'cabinet', cabinetId });
      enforce(decision === 'allow' ? 'forbidden' : decision, `Cabinet ${cabinetId}`);
    }
  }
}
