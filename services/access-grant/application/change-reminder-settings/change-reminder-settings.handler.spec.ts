import { InMemoryAccessGrant, past } from '../test-support/in-memory-access-grant';
import { ChangeReminderSettingsHandler } from './change-reminder-settings.handler';

const ANNE = 'anne';
const CAMILLE = 'camille';
const SEB = 'seb';
const BRUNO = 'bruno';

describe('changing how a cabinet reminds its patients', () => {
  let accessGrant: InMemoryAccessGrant;
  let changeReminderSettings: ChangeReminderSettingsHandler;

  beforeEach(async () => {
    accessGrant = new InMemoryAccessGrant();
    changeReminderSettings = new ChangeReminderSettingsHandler(accessGrant.store, accessGrant.access, accessGrant.clock);
    await accessGrant.given(
      past.cabinetOpened('lilas', ANNE, 'Cabinet des Lilas'),
      past.colleagueInvited('lilas', ANNE, CAMILLE),
      past.colleagueJoined('lilas', ANNE, CAMILLE),
      past.delegationGranted('d-seb', { ownerId: ANNE, granteeAccountId: SEB, cabinetIds: ['lilas'] }),
      past.cabinetOpened('gare', BRUNO),
    );
  });

  afterEach(() => accessGrant.close());

  it('given her cabinet, when the owner gives a delay, an address over two lines and a phone as typed, then they are stored on one line and in E.164, and answered so', async () => {
    const answered = await changeReminderSettings.execute(accessGrant.caller(ANNE), 'lilas', { delayHours: 48, address: ' 3 rue des Lilas\n69004 Lyon ', phone: '04 78 00 00 00' });

    const settings = { delayHours: 48, address: '3 rue des Lilas, 69004 Lyon', phone: '+33478000000' };
    expect(answered).toEqual(settings);
    expect(await accessGrant.written()).toEqual([{ type: 'CabinetReminderSettingsChanged', data: { cabinetId: 'lilas', ownerId: ANNE, ...settings } }]);
  });

  it('given her cabinet, when the owner sends blank text or nothing for the address and phone, then there are none; with the default delay, nothing changes', async () => {
    expect(await changeReminderSettings.execute(accessGrant.caller(ANNE), 'lilas', { delayHours: 24, address: '  ', phone: '' })).toEqual({ delayHours: 24, address: null, phone: null });
    await changeReminderSettings.execute(accessGrant.caller(ANNE), 'lilas', { delayHours: 24 });

    expect(await accessGrant.written()).toEqual([]);
  });

  it('given her cabinet, when the owner turns reminders off (0 hours), then they are off', async () => {
    await changeReminderSettings.execute(accessGrant.caller(ANNE), 'lilas', { delayHours: 0, address: null, phone: null });

    expect(await accessGrant.written()).toEqual([{ type: 'CabinetReminderSettingsChanged', data: { cabinetId: 'lilas', ownerId: ANNE, delayHours: 0, address: null, phone: null } }]);
  });

  it.each([['abc'], ['06 12 34 56'], ['0478000000 poste 12']])('given the phone %j, which is no number, then CABINET.INVALID_PHONE naming phone, and nothing is written', async (phone) => {
    await expect(changeReminderSettings.execute(accessGrant.caller(ANNE), 'lilas', { delayHours: 24, phone })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'CABINET.INVALID_PHONE',
      message: expect.stringMatching(/^phone /),
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a delay past seven days, then CABINET.INVALID_REMINDER_DELAY naming delayHours, and nothing is written', async () => {
    await expect(changeReminderSettings.execute(accessGrant.caller(ANNE), 'lilas', { delayHours: 169, phone: '04 78 00 00 00' })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'CABINET.INVALID_REMINDER_DELAY',
      message: expect.stringMatching(/^delayHours /),
    });
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given a colleague and a secretary of the cabinet, when they change its settings, then it is forbidden: only its owner manages it', async () => {
    for (const who of [CAMILLE, SEB]) {
      await expect(changeReminderSettings.execute(accessGrant.caller(who, who === SEB ? 'specific' : 'main'), 'lilas', { delayHours: 2 })).rejects.toMatchObject({
        code: 'ACCESS.FORBIDDEN',
        kind: 'forbidden',
      });
    }
    expect(await accessGrant.written()).toEqual([]);
  });

  it('given someone else’s cabinet, no such cabinet, or her cabinet closed, when the owner changes its settings, then it is not found', async () => {
    await accessGrant.given(past.cabinetClosed('lilas', ANNE));

    for (const cabinetId of ['gare', 'nowhere', 'lilas']) {
      await expect(changeReminderSettings.execute(accessGrant.caller(ANNE), cabinetId, { delayHours: 2 })).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', kind: 'not_found' });
    }
    expect(await accessGrant.written()).toEqual([]);
  });
});
