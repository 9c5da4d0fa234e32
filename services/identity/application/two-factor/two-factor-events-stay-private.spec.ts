import type { RecordedEvent } from '@osteo/event-sourcing';
import type { PlatformConfig } from '@osteo/platform';
import type { TwoFactorEvent } from '../../domain/account';
import { toIdentityPublicEvent } from '../publishing/identity-public-events';

const config = { emailDigestKey: 'an e-mail digest key of at least thirty-two bytes' } as PlatformConfig;

/** Every two-factor event type, checked by the compiler against the union. */
const everyTwoFactorEvent: Record<TwoFactorEvent['type'], Record<string, unknown>> = {
  TwoFactorEnrolmentStarted: { accountId: 'acc-1', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', startedAt: '2026-03-02T08:30:00.000Z' },
  TwoFactorEnabled: { accountId: 'acc-1', recoveryCodeHashes: ['ab12'], timeStep: 1, enabledAt: '2026-03-02T08:30:00.000Z' },
  TwoFactorCodeAccepted: { accountId: 'acc-1', timeStep: 2, acceptedAt: '2026-03-02T08:30:00.000Z' },
  RecoveryCodeUsed: { accountId: 'acc-1', codeHash: 'ab12', usedAt: '2026-03-02T08:30:00.000Z' },
  TwoFactorDisabled: { accountId: 'acc-1', disabledAt: '2026-03-02T08:30:00.000Z' },
  TeamTwoFactorRequirementChanged: { accountId: 'acc-1', required: true, changedAt: '2026-03-02T08:30:00.000Z' },
};

describe('two-factor events', () => {
  it.each(Object.entries(everyTwoFactorEvent))('keeps %s inside identity: the secret and the hashes never reach Kafka', (type, data) => {
    const recorded: RecordedEvent = {
      eventId: 'evt-1',
      type,
      streamId: 'account-acc-1',
      revision: 3,
      position: '4',
      data,
      metadata: { occurredAt: '2026-03-02T08:30:00.000Z', correlationId: 'corr-1' },
      recordedAt: '2026-03-02T08:30:00.001Z',
    };
    expect(toIdentityPublicEvent(recorded, config)).toBeNull();
  });
});
