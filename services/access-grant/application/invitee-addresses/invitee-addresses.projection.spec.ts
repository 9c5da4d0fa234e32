import type { IntegrationEnvelope } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { InMemoryReadStore } from '@osteo/read-store';
import { InviteeAddresses, inviteeAddressesProjection } from './invitee-addresses.projection';

const invited = (index: number, invitationId: string, inviteeEmail?: string): IntegrationEnvelope => ({
  eventId: `event-${index}`,
  type: 'ColleagueInvited',
  version: 1,
  streamId: 'cabinet-cabinet-1',
  revision: index,
  occurredAt: '2026-03-02T09:00:00.000Z',
  actorId: 'owner-1',
  correlationId: null,
  causationId: null,
  data: { invitationId, cabinetId: 'cabinet-1', ownerId: 'owner-1', inviteeAccountId: `account-of-${invitationId}`, ...(inviteeEmail ? { inviteeEmail } : {}) },
});

/** access-grant's own store as the private feed reads it: an invitation from before #11 (no address), two since. */
const history = [invited(0, 'inv-0'), invited(1, 'inv-1', 'hugo@example.fr'), invited(2, 'inv-2', 'lea@example.fr')];

async function addressesAfter(deliveries: readonly IntegrationEnvelope[]) {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [inviteeAddressesProjection]);
  for (const envelope of deliveries) await runner.apply(envelope);
  return new InviteeAddresses(readStore).of(['inv-0', 'inv-1', 'inv-2', 'inv-unknown']);
}

describe('invitee addresses projection', () => {
  it('given invitations with the address the owner typed, then each is known by its invitation; one from before #11 is not', async () => {
    expect(Object.fromEntries(await addressesAfter(history))).toEqual({ 'inv-1': 'hugo@example.fr', 'inv-2': 'lea@example.fr' });
  });

  it('when every event is delivered twice, then the addresses are those of a single delivery', async () => {
    expect(await addressesAfter(history.flatMap((envelope) => [envelope, envelope]))).toEqual(await addressesAfter(history));
  });
});
