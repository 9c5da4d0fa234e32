import { specFor } from '@osteo/event-sourcing/decider-spec';
import { delegationSlotDecider, type DelegationSlotCommand, type DelegationSlotEvent } from './delegation-slot';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };

const claimed = (delegationId: string): DelegationSlotEvent => ({ type: 'DelegationSlotClaimed', data: { delegationId } });
const claim = (delegationId: string, holderIsLive: boolean): DelegationSlotCommand => ({
  type: 'ClaimDelegationSlot',
  data: { delegationId, holderIsLive },
  metadata,
});

describe('delegation slot decider', () => {
  const spec = specFor(delegationSlotDecider);

  it('given a free slot, when a delegation claims it, then it is claimed by that delegation', () => {
    spec.given([]).when(claim('del-2', false)).then([claimed('del-2')]);
  });

  it('given a slot held by a live delegation, when another delegation claims it, then DELEGATION.DUPLICATE', () => {
    spec.given([claimed('del-1')]).when(claim('del-2', true)).thenThrows('DELEGATION.DUPLICATE');
  });

  it('given a slot held by a delegation no longer live (revoked, or never granted), when another delegation claims it, then it is claimed by the new one', () => {
    spec.given([claimed('del-1')]).when(claim('del-2', false)).then([claimed('del-2')]);
  });
});
