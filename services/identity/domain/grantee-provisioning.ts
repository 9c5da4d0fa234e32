import type { CommandMetadata, Decider } from '@osteo/event-sourcing/decider';

/**
 * One stream per delegation: whether its grantee has been mailed. DelegationGranted arrives at
 * least once (and the embedded profile republishes every event at each start), so this record
 * is what makes every delivery after the first do nothing.
 */
export type GranteeMail =
  /** A specific account was created: its temporary password. */
  | 'temporary-password'
  /** The grantee already had an account: a notice of the new access. */
  | 'access-notice';

export type GranteeProvisioningCommand = {
  readonly type: 'RecordGranteeMailed';
  readonly data: { readonly delegationId: string; readonly accountId: string; readonly mail: GranteeMail };
  readonly metadata: CommandMetadata;
};

export type GranteeProvisioningEvent = {
  readonly type: 'GranteeMailed';
  readonly data: { readonly delegationId: string; readonly accountId: string; readonly mail: GranteeMail; readonly mailedAt: string };
};

export type GranteeProvisioningState = { readonly granteeMailed: boolean };

export const granteeProvisioningStreamId = (delegationId: string): string => `provisioning-${delegationId}`;

export const granteeProvisioningDecider: Decider<GranteeProvisioningCommand, GranteeProvisioningEvent, GranteeProvisioningState> = {
  initialState: { granteeMailed: false },
  decide(command, state) {
    // A concurrent delivery of the same grant recorded it first: there is nothing more to say.
    if (state.granteeMailed) return [];
    return [{ type: 'GranteeMailed', data: { ...command.data, mailedAt: command.metadata.now.toISOString() } }];
  },
  evolve() {
    return { granteeMailed: true };
  },
};
