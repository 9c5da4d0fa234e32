import { Topics } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { PASSWORD, SignedIn, logIn, registerMainAccount } from '../support/accounts';
import { ContractConformance } from '../support/contract-conformance';
import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

/**
 * How a cabinet reminds its patients (#13), over HTTP against the embedded platform: the owner
 * sets the delay, the address and the phone; everyone who sees the cabinet reads them; anything
 * else is refused before anything is written.
 */
describe('cabinet reminder settings, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let owner: SignedIn;
  let colleague: SignedIn;
  let stranger: SignedIn;
  let cabinetId: string;
  const conformance = new ContractConformance();

  const settingsRoute = () => `/api/v1/cabinets/${cabinetId}/reminder-settings`;
  const accessGrantEventCount = () => storedEventCount(dataDir.path, 'access-grant');
  const reminderSettingsSeenBy = async (who: SignedIn) => {
    const answer = await who.http.get('/api/v1/cabinets');
    expect(answer.status).toBe(200);
    return (answer.body as { cabinetId: string; reminderSettings: unknown }[]).find((cabinet) => cabinet.cabinetId === cabinetId)?.reminderSettings;
  };

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    await conformance.watch(platform.app.get(EventBus), [Topics.access]);
    const anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'claire.martin@example.fr', 'Dr Claire Martin');
    colleague = await registerMainAccount(anonymous, 'hugo.bernard@example.fr', 'Hugo Bernard');
    stranger = await registerMainAccount(anonymous, 'lea.petit@example.fr', 'Léa Petit');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet de Lyon', address: '3 rue Mercière, Lyon' })).body.cabinetId;
    const { invitationId } = (await owner.http.post(`/api/v1/cabinets/${cabinetId}/colleagues`, { email: colleague.email })).body;
    await eventually(async () => expect((await colleague.http.post(`/api/v1/invitations/${invitationId}/accept`)).status).toBe(204));
  });

  afterAll(async () => {
    await conformance.stop();
    await platform.stop();
    dataDir.remove();
  });

  it('a cabinet never set reminds 24 hours before, with neither address nor phone', async () => {
    await eventually(async () => expect(await reminderSettingsSeenBy(owner)).toEqual({ delayHours: 24, address: null, phone: null }));
  });

  it('the owner sets them, the phone as typed: answered and shown to whoever sees the cabinet, the phone in E.164 and the address on one line', async () => {
    const answer = await owner.http.put(settingsRoute(), { delayHours: 48, address: '3 rue Mercière\n69002 Lyon', phone: '04 78 00 00 00' });

    const stored = { delayHours: 48, address: '3 rue Mercière, 69002 Lyon', phone: '+33478000000' };
    expect(answer).toMatchObject({ status: 200, body: stored });
    await eventually(async () => {
      expect(await reminderSettingsSeenBy(owner)).toEqual(stored);
      expect(await reminderSettingsSeenBy(colleague)).toEqual(stored);
    });
  });

  it.each([
    ['a delay past seven days', { delayHours: 169 }, 'REQUEST.INVALID', /^delayHours/],
    ['a negative delay', { delayHours: -1 }, 'REQUEST.INVALID', /^delayHours/],
    ['a delay that is not whole', { delayHours: 1.5 }, 'REQUEST.INVALID', /^delayHours/],
    ['a delay as text', { delayHours: '24' }, 'REQUEST.INVALID', /^delayHours/],
    ['no delay', { phone: '04 78 00 00 00' }, 'REQUEST.INVALID', /^delayHours/],
    ['a phone that is no number', { delayHours: 24, phone: '04 78 00' }, 'CABINET.INVALID_PHONE', /^phone/],
    ['a phone that is not text', { delayHours: 24, phone: 478000000 }, 'REQUEST.INVALID', /^phone/],
    ['an address of more than 300 characters', { delayHours: 24, address: 'x'.repeat(301) }, 'REQUEST.INVALID', /^address/],
    ['an address holding a control character', { delayHours: 24, address: '3 rue\u0000Mercière' }, 'REQUEST.INVALID', /^address/],
    ['a field the route does not know', { delayHours: 24, smsSender: 'CABINET' }, 'REQUEST.INVALID', /smsSender/],
  ])('%s is a 400 naming the field, and writes nothing', async (_case, body, code, message) => {
    const before = await accessGrantEventCount();

    const answer = await owner.http.put(settingsRoute(), body);

    expect(answer).toMatchObject({ status: 400, body: { statusCode: 400, code, message: expect.stringMatching(message) } });
    expect(await accessGrantEventCount()).toBe(before);
  });

  it('only the owner sets them: 403 for a colleague who sees the cabinet, 404 for a stranger; nothing written', async () => {
    const before = await accessGrantEventCount();

    expect(await colleague.http.put(settingsRoute(), { delayHours: 2 })).toMatchObject({ status: 403, body: { code: 'ACCESS.FORBIDDEN' } });
    expect(await stranger.http.put(settingsRoute(), { delayHours: 2 })).toMatchObject({ status: 404, body: { code: 'RESOURCE.NOT_FOUND' } });

    expect(await accessGrantEventCount()).toBe(before);
    expect(await reminderSettingsSeenBy(owner)).toMatchObject({ delayHours: 48 });
  });

  it('the same settings sent again write nothing; reminders turned off are 0 hours', async () => {
    const before = await accessGrantEventCount();
    expect((await owner.http.put(settingsRoute(), { delayHours: 48, address: '3 rue Mercière, 69002 Lyon', phone: '+33 4 78 00 00 00' })).status).toBe(200);
    expect(await accessGrantEventCount()).toBe(before);

    expect(await owner.http.put(settingsRoute(), { delayHours: 0, address: '3 rue Mercière, 69002 Lyon', phone: '+33478000000' })).toMatchObject({ status: 200, body: { delayHours: 0 } });
    await eventually(async () => expect(await reminderSettingsSeenBy(colleague)).toMatchObject({ delayHours: 0 }));
  });

  it('publishes CabinetReminderSettingsChanged on access.events as its contract says', async () => {
    await eventually(() => expect(conformance.report().types).toContain('CabinetReminderSettingsChanged'));
    expect(conformance.report().violations).toEqual([]);
  });

  it('after a restart (read models rebuilt from the store), the settings are back', async () => {
    await conformance.stop();
    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    const anonymous = new HttpClient(platform.baseUrl);
    const ownerAgain = { ...owner, http: anonymous.withToken(await logIn(anonymous, owner.email, PASSWORD)) };

    await eventually(async () => expect(await reminderSettingsSeenBy(ownerAgain)).toEqual({ delayHours: 0, address: '3 rue Mercière, 69002 Lyon', phone: '+33478000000' }));
  });
});
