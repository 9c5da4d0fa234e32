import { Injectable } from '@nestjs/common';
import { AccessReader, can, enforce } from '@osteo/auth';
import { EventStore, loadAggregate } from '@osteo/event-sourcing';
import { RequestRejected } from '@osteo/http';
import { practiceDecider, practiceStreamId } from '../domain/practice';

/**
 * Checks that every practice a delegation names is an open practice of the caller. Read from the
 * practices' own streams, not a read model: a practice opened a moment ago must be delegable.
 * Someone else's practice answers as the policy says (404 when the caller cannot see it, 403 when
 * they can), so its existence leaks to nobody.
 */
@Injectable()
export class OwnedPractices {
  constructor(
    private readonly store: EventStore,
    private readonly reader: AccessReader,
  ) {}

  async requireAll(ownerId: string, cabinetIds: readonly string[]): Promise<void> {
    for (const cabinetId of cabinetIds) {
      const { state } = await loadAggregate(this.store, practiceStreamId(cabinetId), practiceDecider);
      if (state.status !== 'absent' && state.ownerId === ownerId) {
        if (state.status === 'closed') throw new RequestRejected('conflict', 'PRACTICE.CLOSED', `Practice ${cabinetId} is closed`);
        continue;
      }
      const decision = state.status === 'absent' ? 'not_found' : can(await this.reader.principalAccess(ownerId), 'practice.manage', { kind: 'practice', cabinetId });
      enforce(decision === 'allow' ? 'forbidden' : decision, `Practice ${cabinetId}`);
    }
  }
}
