import type { AccessPublicEvent } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { SealedPracticeContacts } from '@osteo/platform';
import { InMemoryReadStore } from '@osteo/read-store';
import { AccessHistory } from '../../../../libs/auth/access/test-support/access-history';
import { CabinetReminderSettings, cabinetReminderSettingsProjection } from './cabinet-reminder-settings';

const seals = SealedPracticeContacts.withKey('an e-mail digest key of at least thirty-two bytes');
const ANNE = 'anne';
const BRUNO = 'bruno';

async function settingsAfter(deliveries: readonly AccessPublicEvent[]): Promise<CabinetReminderSettings> {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [cabinetReminderSettingsProjection]);
  for (const envelope of deliveries) await runner.apply(envelope);
  return new CabinetReminderSettings(readStore, seals);
}

describe('cabinet reminder settings read model', () => {
  const history = new AccessHistory()
    .cabinetOpened('a1', ANNE)
    .cabinetOpened('b1', BRUNO)
    .cabinetReminderSettingsChanged('a1', ANNE, 48, '+33478000000')
    .cabinetRenamed('a1', ANNE, 'Cabinet des Lilas')
    .cabinetReminderSettingsChanged('a1', ANNE, 0);

  it('given settings changed twice, then a cabinet has the last; one never set has 24 hours, no address, no phone', async () => {
    const settingsOf = await (await settingsAfter(history.envelopes)).of(['a1', 'b1', 'unknown']);

    expect([settingsOf('a1'), settingsOf('b1'), settingsOf('unknown')]).toEqual([
      { delayHours: 0, address: null, phone: null },
      { delayHours: 24, address: null, phone: null },
      { delayHours: 24, address: null, phone: null },
    ]);
  });

  it('given every event delivered twice, or a late copy of an earlier one, then it reads the same', async () => {
    const once = await (await settingsAfter(history.envelopes)).of(['a1', 'b1']);
    const twice = await (await settingsAfter(history.envelopes.flatMap((envelope) => [envelope, envelope]))).of(['a1', 'b1']);
    const lateCopy = await (await settingsAfter([...history.envelopes, history.envelopes[2]!])).of(['a1', 'b1']);

    for (const replayed of [twice, lateCopy]) expect([replayed('a1'), replayed('b1')]).toEqual([once('a1'), once('b1')]);
  });

  it('given a version 2 with its address and phone sealed for that event, then it reads them in clear; a version 1 is read as it was', async () => {
    const [v1] = new AccessHistory().cabinetReminderSettingsChanged('a1', ANNE, 48, '+33478000000').envelopes;
    const sealedIn = { cabinetId: 'b1', eventId: 'evt-settings-b1' };
    const v2 = {
      ...v1!,
      eventId: sealedIn.eventId,
      streamId: 'cabinet-b1',
      version: 2,
      data: { cabinetId: 'b1', ownerId: BRUNO, delayHours: 12, addressSealed: seals.seal('12 rue Dumenge, 69004 Lyon', 'address', sealedIn), phoneSealed: seals.seal('+33478000001', 'phone', sealedIn) },
    } as AccessPublicEvent;

    const settingsOf = await (await settingsAfter([v1!, v2])).of(['a1', 'b1']);

    expect([settingsOf('a1'), settingsOf('b1')]).toEqual([
      { delayHours: 48, address: null, phone: '+33478000000' },
      { delayHours: 12, address: '12 rue Dumenge, 69004 Lyon', phone: '+33478000001' },
    ]);
  });
});
