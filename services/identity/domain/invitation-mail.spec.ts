import { specFor } from '@osteo/event-sourcing/decider-spec';
import { type InvitationMailCommand, type InvitationMailEvent, invitationMailDecider } from './invitation-mail';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };
const record: InvitationMailCommand = { type: 'RecordInvitationMailed', data: { invitationId: 'inv-1', inviteeAccountId: 'acc-2' }, metadata };
const mailed: InvitationMailEvent = {
  type: 'ColleagueInvitationMailed',
  data: { invitationId: 'inv-1', inviteeAccountId: 'acc-2', mailedAt: '2026-03-02T08:30:00.000Z' },
};

describe('invitation mail decider', () => {
  const spec = specFor(invitationMailDecider);

  it('given an invitation not mailed yet, when recording its mail, then the invitee is mailed', () => {
    spec.given([]).when(record).then([mailed]);
  });

  it('given an invitee already mailed, when recording again, then nothing new happens', () => {
    spec.given([mailed]).when(record).then([]);
  });
});
