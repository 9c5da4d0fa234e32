import {
  canRemoveColleague,
  colleaguesToShow,
  reminderSettingsForm,
  sameReminderSettings,
  toReminderSettingsBody,
  validateReminderSettings,
  toChangeCabinetBody,
  toOpenCabinetBody,
  timeZoneName,
  timeZoneOptions,
  utcOffsetLabel,
  validateInviteEmail,
  validateCabinet,
  type Colleague,
} from './cabinet-rules';

const winter = new Date('2026-12-04T12:00:00Z');

describe('the cabinet form', () => {
  it('needs a name of at most 120 characters, an address of at most 300 and a known time zone', () => {
    expect(validateCabinet({ name: 'Cabinet de la Croix-Rousse', address: '', timeZone: 'Europe/Paris' })).toEqual({});
    expect(validateCabinet({ name: '   ', address: '', timeZone: 'Europe/Paris' })).toEqual({ name: 'required' });
    expect(validateCabinet({ name: 'x'.repeat(121), address: 'y'.repeat(301), timeZone: 'Mars/Olympus' })).toEqual({
      name: 'tooLong',
      address: 'tooLong',
      timeZone: 'unknown',
    });
    expect(validateCabinet({ name: 'x'.repeat(120), address: 'y'.repeat(300), timeZone: '' })).toEqual({ timeZone: 'required' });
  });

  it('sends a trimmed name, the address only when given, and the time zone', () => {
    expect(toOpenCabinetBody({ name: '  Cabinet Lyon ', address: '  ', timeZone: 'Europe/Paris' })).toEqual({ name: 'Cabinet Lyon', timeZone: 'Europe/Paris' });
    expect(toOpenCabinetBody({ name: 'Cabinet Fort-de-France', address: ' 3 rue Victor Hugo ', timeZone: 'America/Martinique' })).toEqual({
      name: 'Cabinet Fort-de-France',
      address: '3 rue Victor Hugo',
      timeZone: 'America/Martinique',
    });
  });

  it('changes only what changed, and nothing when nothing did', () => {
    const current = { name: 'Cabinet Lyon', timeZone: 'Europe/Paris' };
    expect(toChangeCabinetBody(current, { name: ' Cabinet Lyon ', timeZone: 'Europe/Paris' })).toBeNull();
    expect(toChangeCabinetBody(current, { name: 'Cabinet Lyon 4e', timeZone: 'Europe/Paris' })).toEqual({ name: 'Cabinet Lyon 4e' });
    expect(toChangeCabinetBody(current, { name: 'Cabinet Lyon', timeZone: 'America/Martinique' })).toEqual({ timeZone: 'America/Martinique' });
  });
});

describe('the time-zone picker', () => {
  it('labels each zone with its name and its offset at the moment', () => {
    expect(utcOffsetLabel('Europe/Paris', winter)).toBe('UTC+01:00');
    expect(utcOffsetLabel('Europe/Paris', new Date('2026-07-01T12:00:00Z'))).toBe('UTC+02:00');
    expect(utcOffsetLabel('America/Martinique', winter)).toBe('UTC−04:00');
    expect(utcOffsetLabel('Asia/Kolkata', winter)).toBe('UTC+05:30');
    expect(utcOffsetLabel('UTC', winter)).toBe('UTC');
    expect(timeZoneName('America/Port_of_Spain')).toBe('America/Port of Spain');
  });

  it('sorts the zones by name and keeps the one a cabinet already has', () => {
    const options = timeZoneOptions(['Europe/Paris', 'America/Martinique'], winter, ['Indian/Reunion', '']);
    expect(options).toEqual([
      { value: 'America/Martinique', label: 'America/Martinique (UTC−04:00)' },
      { value: 'Europe/Paris', label: 'Europe/Paris (UTC+01:00)' },
      { value: 'Indian/Reunion', label: 'Indian/Reunion (UTC+04:00)' },
    ]);
  });
});

describe('colleagues', () => {
  const colleague = (over: Partial<Colleague>): Colleague => ({
    accountId: 'acc',
    email: 'a@example.fr',
    displayName: 'Dr A',
    status: 'active',
    invitationId: 'inv',
    invitedAt: '2026-12-01T10:00:00Z',
    ...over,
  });

  it('checks the invitee e-mail as the API does', () => {
    expect(validateInviteEmail(' paul.durand@example.fr ')).toBeNull();
    expect(validateInviteEmail('')).toBe('required');
    expect(validateInviteEmail('paul.durand')).toBe('invalid');
    expect(validateInviteEmail(`${'a'.repeat(250)}@x.fr`)).toBe('tooLong');
  });

  it('lists those sharing the cabinet first, then those invited, and leaves the removed out', () => {
    const shown = colleaguesToShow([
      colleague({ accountId: 'z', displayName: 'Dr Zoé', status: 'invited' }),
      colleague({ accountId: 'r', displayName: 'Dr René', status: 'removed' }),
      colleague({ accountId: 'b', displayName: 'Dr Bruno', status: 'active' }),
      colleague({ accountId: 'a', displayName: null, email: 'alice@example.fr', status: 'invited' }),
    ]);
    expect(shown.map((c) => c.accountId)).toEqual(['b', 'a', 'z']);
  });

  it('offers removal for a colleague sharing the cabinet only', () => {
    expect(canRemoveColleague(colleague({ status: 'active' }))).toBe(true);
    expect(canRemoveColleague(colleague({ status: 'invited' }))).toBe(false);
    expect(canRemoveColleague(colleague({ status: 'removed' }))).toBe(false);
    expect(canRemoveColleague(colleague({ status: 'active', accountId: null }))).toBe(false);
  });
});

describe('the reminder settings form', () => {
  it('starts from the settings, the phone as people read it, and offers the cabinet’s own address while none is set', () => {
    expect(reminderSettingsForm({ address: '3 rue Mercière, Lyon', reminderSettings: { delayHours: 48, address: null, phone: '+33478000000' } })).toEqual({
      delayHours: 48,
      address: '3 rue Mercière, Lyon',
      phone: '+33 4 78 00 00 00',
    });
    expect(reminderSettingsForm({ address: null })).toEqual({ delayHours: 24, address: '', phone: '' });
    expect(reminderSettingsForm({ address: 'ancienne', reminderSettings: { delayHours: 0, address: 'nouvelle', phone: null } })).toMatchObject({ address: 'nouvelle' });
  });

  it('needs a whole number of hours from 0 to 168, an address of at most 300 characters, a phone that is one', () => {
    expect(validateReminderSettings({ delayHours: 0, address: '', phone: '' })).toEqual({});
    expect(validateReminderSettings({ delayHours: 168, address: 'y'.repeat(300), phone: '04 78 00 00 00' })).toEqual({});
    expect(validateReminderSettings({ delayHours: '', address: '', phone: '' })).toEqual({ delayHours: 'required' });
    expect(validateReminderSettings({ delayHours: 169, address: 'y'.repeat(301), phone: '04 78 00' })).toEqual({ delayHours: 'outOfRange', address: 'tooLong', phone: 'invalidPhone' });
    expect(validateReminderSettings({ delayHours: 1.5, address: '', phone: '0'.repeat(41) })).toEqual({ delayHours: 'outOfRange', phone: 'tooLong' });
  });

  it('sends all three, blank fields as none, and tells when the list shows what was saved', () => {
    const body = toReminderSettingsBody({ delayHours: 24, address: ' 3 rue Mercière ', phone: ' ' });
    expect(body).toEqual({ delayHours: 24, address: '3 rue Mercière', phone: null });
    expect(sameReminderSettings({ delayHours: 24, address: '3 rue Mercière', phone: null }, body)).toBe(true);
    expect(sameReminderSettings({ delayHours: 48, address: '3 rue Mercière', phone: null }, body)).toBe(false);
    expect(sameReminderSettings(undefined, body)).toBe(false);
  });
});
