import { reminderPreferencesForm, toReminderPreferencesBody, validateReminderPreferences } from './reminder-rules';

const TODAY = '2026-12-04';
const reachable = { email: 'jeanne.dupont@example.fr', phone: '+33612345678' };

describe('a patient’s reminder preferences', () => {
  it('starts from what the record says, none when it says nothing', () => {
    expect(reminderPreferencesForm({ channels: ['sms'], consentDate: '2026-11-30' })).toEqual({ email: false, sms: true, consentDate: '2026-11-30' });
    expect(reminderPreferencesForm(undefined)).toEqual({ email: false, sms: false, consentDate: '' });
  });

  it('needs the consent date, not in the future, as soon as a channel is chosen; none without a channel', () => {
    expect(validateReminderPreferences({ email: false, sms: false, consentDate: '' }, reachable, TODAY)).toEqual({});
    expect(validateReminderPreferences({ email: true, sms: true, consentDate: TODAY }, reachable, TODAY)).toEqual({});
    expect(validateReminderPreferences({ email: true, sms: false, consentDate: '' }, reachable, TODAY)).toEqual({ consentDate: 'required' });
    expect(validateReminderPreferences({ email: false, sms: true, consentDate: '2026-12-05' }, reachable, TODAY)).toEqual({ consentDate: 'futureDate' });
    expect(validateReminderPreferences({ email: false, sms: true, consentDate: '2026-02-30' }, reachable, TODAY)).toEqual({ consentDate: 'invalidDate' });
  });

  it('needs the e-mail for e-mail reminders and the phone for SMS', () => {
    expect(validateReminderPreferences({ email: true, sms: true, consentDate: TODAY }, { email: null, phone: null }, TODAY)).toEqual({ email: 'noEmail', sms: 'noPhone' });
  });

  it('sends the channels in a fixed order with the consent date, and no date without a channel', () => {
    expect(toReminderPreferencesBody({ email: true, sms: true, consentDate: TODAY })).toEqual({ channels: ['email', 'sms'], consentDate: TODAY });
    expect(toReminderPreferencesBody({ email: false, sms: true, consentDate: TODAY })).toEqual({ channels: ['sms'], consentDate: TODAY });
    expect(toReminderPreferencesBody({ email: false, sms: false, consentDate: TODAY })).toEqual({ channels: [], consentDate: null });
  });
});
