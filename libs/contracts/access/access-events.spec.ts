import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { asyncApiDocument } from '../asyncapi';
import { DEFAULT_CABINET_TIME_ZONE, type CabinetOpenedV1, type CabinetReminderSettingsChangedV1, accessEventContracts, cabinetTimeZoneOf } from './access-events';

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validatorOf = (type: string, version = 1) => {
  const contract = accessEventContracts.find((candidate) => candidate.type === type && candidate.version === version);
  if (!contract) throw new Error(`no contract for ${type}`);
  return ajv.compile(contract.dataSchema as object);
};

describe('cabinet time zones in the access contracts', () => {
  const cabinetOpened = validatorOf('CabinetOpened');
  const timeZoneChanged = validatorOf('CabinetTimeZoneChanged');
  const before: CabinetOpenedV1 = { cabinetId: 'cab-1', ownerId: 'acc-1', name: 'Cabinet de Lyon', address: null };

  it('given a CabinetOpened written before time zones, then it still matches version 1 and reads as Europe/Paris', () => {
    expect(cabinetOpened(before)).toBe(true);
    expect(cabinetTimeZoneOf(before)).toBe(DEFAULT_CABINET_TIME_ZONE);
    expect(DEFAULT_CABINET_TIME_ZONE).toBe('Europe/Paris');
  });

  it('given a CabinetOpened with its time zone, then it matches version 1 and reads as that zone; a zone that is not a string does not match', () => {
    expect(cabinetOpened({ ...before, timeZone: 'America/Martinique' })).toBe(true);
    expect(cabinetTimeZoneOf({ ...before, timeZone: 'America/Martinique' })).toBe('America/Martinique');
    expect(cabinetOpened({ ...before, timeZone: null })).toBe(false);
    expect(cabinetOpened({ ...before, timeZone: '' })).toBe(false);
  });

  it('CabinetTimeZoneChanged is version 1 on access.events and needs its three fields, no more', () => {
    const contract = accessEventContracts.find((candidate) => candidate.type === 'CabinetTimeZoneChanged');
    expect(contract).toMatchObject({ version: 1, topic: 'access.events' });
    expect(timeZoneChanged({ cabinetId: 'cab-1', ownerId: 'acc-1', timeZone: 'Indian/Reunion' })).toBe(true);
    expect(timeZoneChanged({ cabinetId: 'cab-1', ownerId: 'acc-1' })).toBe(false);
    expect(timeZoneChanged({ cabinetId: 'cab-1', ownerId: 'acc-1', timeZone: 'Indian/Reunion', name: 'x' })).toBe(false);
  });

  it('the AsyncAPI document carries both messages on access.events', () => {
    const document = asyncApiDocument() as { channels: Record<string, { messages: Record<string, unknown> }> };
    expect(Object.keys(document.channels['access.events']!.messages)).toEqual(expect.arrayContaining(['CabinetOpenedV1', 'CabinetTimeZoneChangedV1']));
  });
});

describe('cabinet reminder settings in the access contracts', () => {
  const settingsChanged = validatorOf('CabinetReminderSettingsChanged');
  const settings: CabinetReminderSettingsChangedV1 = { cabinetId: 'cab-1', ownerId: 'acc-1', delayHours: 48, address: '12 rue Dumenge, 69004 Lyon', phone: '+33478000000' };

  it('CabinetReminderSettingsChanged is version 2 on access.events (version 1 retired, still described), both in the AsyncAPI document', () => {
    expect(accessEventContracts.filter((candidate) => candidate.type === 'CabinetReminderSettingsChanged').map(({ version, topic }) => ({ version, topic }))).toEqual([
      { version: 2, topic: 'access.events' },
      { version: 1, topic: 'access.events' },
    ]);
    const document = asyncApiDocument() as { channels: Record<string, { messages: Record<string, unknown> }> };
    expect(Object.keys(document.channels['access.events']!.messages)).toEqual(expect.arrayContaining(['CabinetReminderSettingsChangedV1', 'CabinetReminderSettingsChangedV2', 'CabinetOpenedV2']));
  });

  it('given a delay of 0 to 168 hours, an address or none, a phone in E.164 or none, then it matches', () => {
    expect(settingsChanged(settings)).toBe(true);
    expect(settingsChanged({ ...settings, delayHours: 0, address: null, phone: null })).toBe(true);
    expect(settingsChanged({ ...settings, delayHours: 168 })).toBe(true);
  });

  it('given a delay out of bounds or not whole, a phone as typed, an empty address or a field missing, then it does not match', () => {
    expect(settingsChanged({ ...settings, delayHours: 169 })).toBe(false);
    expect(settingsChanged({ ...settings, delayHours: -1 })).toBe(false);
    expect(settingsChanged({ ...settings, delayHours: 1.5 })).toBe(false);
    expect(settingsChanged({ ...settings, phone: '04 78 00 00 00' })).toBe(false);
    expect(settingsChanged({ ...settings, address: '' })).toBe(false);
    const { phone: _phone, ...withoutPhone } = settings;
    expect(settingsChanged(withoutPhone)).toBe(false);
  });
});

describe("a practice's address and phone sealed in versions 2 (#14)", () => {
  const opened = validatorOf('CabinetOpened', 2);
  const settingsChanged = validatorOf('CabinetReminderSettingsChanged', 2);
  const sealed = '$se1$' + 'A'.repeat(40);

  it('given sealed values or none, then they match; an address or phone in clear, or a time zone missing, does not', () => {
    expect(opened({ cabinetId: 'cab-1', ownerId: 'acc-1', name: 'Cabinet de Lyon', addressSealed: sealed, timeZone: 'Europe/Paris' })).toBe(true);
    expect(opened({ cabinetId: 'cab-1', ownerId: 'acc-1', name: 'Cabinet de Lyon', addressSealed: null, timeZone: 'Europe/Paris' })).toBe(true);
    expect(opened({ cabinetId: 'cab-1', ownerId: 'acc-1', name: 'Cabinet de Lyon', addressSealed: '12 rue Dumenge, 69004 Lyon', timeZone: 'Europe/Paris' })).toBe(false);
    expect(opened({ cabinetId: 'cab-1', ownerId: 'acc-1', name: 'Cabinet de Lyon', addressSealed: null })).toBe(false);
    expect(opened({ cabinetId: 'cab-1', ownerId: 'acc-1', name: 'Cabinet de Lyon', address: null, addressSealed: null, timeZone: 'Europe/Paris' })).toBe(false);
    expect(settingsChanged({ cabinetId: 'cab-1', ownerId: 'acc-1', delayHours: 48, addressSealed: sealed, phoneSealed: null })).toBe(true);
    expect(settingsChanged({ cabinetId: 'cab-1', ownerId: 'acc-1', delayHours: 48, addressSealed: null, phoneSealed: '+33478000000' })).toBe(false);
  });
});
