import type { IntegrationEnvelope } from '@osteo/contracts';
import { ProjectionRunner } from '@osteo/messaging';
import { SealedPracticeContacts } from '@osteo/platform';
import { InMemoryReadStore } from '@osteo/read-store';
import { REMINDER_CABINETS, reminderCabinetsProjection, type ReminderCabinet } from './reminder-inputs';

const seals = SealedPracticeContacts.withKey('an e-mail digest key of at least thirty-two bytes');

const envelope = (eventId: string, type: string, version: number, revision: number, data: Record<string, unknown>): IntegrationEnvelope => ({
  eventId,
  type,
  version,
  streamId: 'practice-cab-lyon',
  revision,
  occurredAt: `2026-03-02T08:0${revision}:00.000Z`,
  actorId: 'acc-claire',
  correlationId: null,
  causationId: null,
  data,
});

const opened = (eventId: string, address: string | null): IntegrationEnvelope =>
  envelope(eventId, 'CabinetOpened', 2, 0, { cabinetId: 'cab-lyon', ownerId: 'acc-claire', name: 'Cabinet des Pentes', addressSealed: seals.seal(address, 'address', { cabinetId: 'cab-lyon', eventId }), timeZone: 'Europe/Paris' });

const settingsChanged = (eventId: string, revision: number, address: string | null, phone: string | null): IntegrationEnvelope => {
  const sealedIn = { cabinetId: 'cab-lyon', eventId };
  return envelope(eventId, 'CabinetReminderSettingsChanged', 2, revision, { cabinetId: 'cab-lyon', ownerId: 'acc-claire', delayHours: 48, addressSealed: seals.seal(address, 'address', sealedIn), phoneSealed: seals.seal(phone, 'phone', sealedIn) });
};

async function cabinetAfter(events: readonly IntegrationEnvelope[], opening = reminderCabinetsProjection(seals)): Promise<ReminderCabinet | null> {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [opening]);
  for (const event of events) await runner.apply(event);
  return readStore.collection<ReminderCabinet>(REMINDER_CABINETS).findOne({ _id: 'cab-lyon' });
}

describe("the reminders' cabinets: a practice's address and phone, sealed on access.events since #14", () => {
  it('given a CabinetOpened v2 and a CabinetReminderSettingsChanged v2, then the address and phone reminders print are read in clear', async () => {
    const cabinet = await cabinetAfter([opened('evt-opened', '1 rue Burdeau, 69001 Lyon'), settingsChanged('evt-settings-1', 1, '12 rue Dumenge, 69004 Lyon', '+33478000000')]);

    expect(cabinet).toMatchObject({ openingAddress: '1 rue Burdeau, 69001 Lyon', settings: { delayHours: 48, address: '12 rue Dumenge, 69004 Lyon', phone: '+33478000000' } });
  });

  it('given the address changed, then the last one; the same address sealed in two events gives two different values', async () => {
    const first = settingsChanged('evt-settings-1', 1, '12 rue Dumenge, 69004 Lyon', '+33478000000');
    const second = settingsChanged('evt-settings-2', 2, '12 rue Dumenge, 69004 Lyon', null);

    expect(second.data.addressSealed).not.toBe(first.data.addressSealed);
    expect((await cabinetAfter([opened('evt-opened', null), first, second]))?.settings).toEqual({ delayHours: 48, address: '12 rue Dumenge, 69004 Lyon', phone: null });
  });

  it('given versions 1, published before #14 with the address and phone in clear, then they are read as they were', async () => {
    const cabinet = await cabinetAfter([
      envelope('evt-opened', 'CabinetOpened', 1, 0, { cabinetId: 'cab-lyon', ownerId: 'acc-claire', name: 'Cabinet des Pentes', address: '1 rue Burdeau, 69001 Lyon' }),
      envelope('evt-settings-1', 'CabinetReminderSettingsChanged', 1, 1, { cabinetId: 'cab-lyon', ownerId: 'acc-claire', delayHours: 24, address: null, phone: '+33478000000' }),
    ]);

    expect(cabinet).toMatchObject({ openingAddress: '1 rue Burdeau, 69001 Lyon', timeZone: 'Europe/Paris', settings: { delayHours: 24, address: null, phone: '+33478000000' } });
  });

  it('given a sealed value moved to another event or another field, or a service with another key, then it does not open', async () => {
    const genuine = settingsChanged('evt-settings-1', 1, '12 rue Dumenge, 69004 Lyon', '+33478000000');
    const moved = { ...genuine, eventId: 'evt-settings-2' };
    const swapped = { ...genuine, data: { ...genuine.data, addressSealed: genuine.data.phoneSealed, phoneSealed: genuine.data.addressSealed } };
    const otherKey = reminderCabinetsProjection(SealedPracticeContacts.withKey('another key, also at least thirty-two bytes long'));

    // Unprocessable: the bus dead-letters it instead of retrying for ever (operations.md, dead letters).
    for (const unreadable of [cabinetAfter([moved]), cabinetAfter([swapped]), cabinetAfter([genuine], otherKey)]) {
      await expect(unreadable).rejects.toMatchObject({ code: 'REMINDER.PRACTICE_CONTACT_UNREADABLE' });
    }
  });
});
