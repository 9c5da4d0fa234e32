import { specFor } from '@osteo/event-sourcing/decider-spec';
import { GranteeProvisioningCommand, GranteeProvisioningEvent, granteeProvisioningDecider } from './grantee-provisioning';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };
const record: GranteeProvisioningCommand = {
  type: 'RecordGranteeMailed',
  data: { delegationId: 'del-1', accountId: 'acc-2', mail: 'temporary-password' },
  metadata,
};
const mailed: GranteeProvisioningEvent = {
  type: 'GranteeMailed',
  data: { delegationId: 'del-1', accountId: 'acc-2', mail: 'temporary-password', mailedAt: '2026-03-02T08:30:00.000Z' },
};

describe('grantee provisioning decider', () => {
  const spec = specFor(granteeProvisioningDecider);

  it('given a grant not handled yet, when recording its mail, then the grantee is mailed', () => {
    spec.given([]).when(record).then([mailed]);
  });

  it('given a grantee already mailed, when recording again, then nothing new happens', () => {
    spec.given([mailed]).when(record).then([]);
  });
});
