import type { CommandMetadata, Decider } from '@osteo/event-sourcing/decider';

/**
 * One stream per colleague invitation: whether its invitee has been mailed. ColleagueInvited
 * arrives at least once (and the embedded profile republishes every event at each start), so
 * this record is what makes every delivery after the first do nothing.
 */
export type InvitationMailCommand = {
  readonly type: 'RecordInvitationMailed';
  readonly data: { readonly invitationId: string; readonly inviteeAccountId: string };
  readonly metadata: CommandMetadata;
};

export type InvitationMailEvent = {
  readonly type: 'ColleagueInvitationMailed';
  readonly data: { readonly invitationId: string; readonly inviteeAccountId: string; readonly mailedAt: string };
};

export type InvitationMailState = { readonly inviteeMailed: boolean };

export const invitationMailStreamId = (invitationId: string): string => `invitation-mail-${invitationId}`;

export const invitationMailDecider: Decider<InvitationMailCommand, InvitationMailEvent, InvitationMailState> = {
  initialState: { inviteeMailed: false },
  decide(command, state) {
    // A concurrent delivery of the same invitation recorded it first: there is nothing more to say.
    if (state.inviteeMailed) return [];
    return [{ type: 'ColleagueInvitationMailed', data: { ...command.data, mailedAt: command.metadata.now.toISOString() } }];
  },
  evolve() {
    return { inviteeMailed: true };
  },
};
