import { stateAfter } from '@osteo/event-sourcing/decider';
import { specFor } from '@osteo/event-sourcing/decider-spec';
import { ledgerNameOf, patientDecider, type PatientCommand, type ReminderChannel, type PatientDetails, type PatientEvent, type PatientRegistration } from './patient';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };

const PATIENT = 'pat-1';
const CABINET = 'cab-lyon';
const OWNER = 'acc-claire';

const details: PatientDetails = {
  firstName: 'Hélène',
  lastName: 'Durand',
  birthDate: '1984-06-12',
  phone: '+33612345678',
  email: null,
  medicalHistory: 'Entorse de la cheville droite (2019)',
};
const registration: PatientRegistration = { patientId: PATIENT, cabinetId: CABINET, ownerId: OWNER, ...details };

// Events
const registered: PatientEvent = { type: 'PatientRegistered', data: registration };
const updated = (changes: Partial<PatientDetails>): PatientEvent => ({ type: 'PatientUpdated', data: { patientId: PATIENT, cabinetId: CABINET, changes } });
const deleted: PatientEvent = { type: 'PatientDeleted', data: { patientId: PATIENT, cabinetId: CABINET, ownerId: OWNER } };

// Commands
const register = (overrides: Partial<PatientDetails> = {}): PatientCommand => ({ type: 'RegisterPatient', data: { ...registration, ...overrides }, metadata });
/** `mayDelete`: the owner may, a substitute or a colleague may not (the access policy's patient.delete). */
const update = (changes: Partial<PatientDetails>, mayDelete = true): PatientCommand => ({ type: 'UpdatePatient', data: { changes, mayDelete }, metadata });
const remove: PatientCommand = { type: 'DeletePatient', data: {}, metadata };
const setReminders = (channels: ReminderChannel[], consentDate: string | null): PatientCommand => ({ type: 'SetReminderPreferences', data: { channels, consentDate }, metadata });
const remindersChanged = (channels: ReminderChannel[], consentDate: string | null): PatientEvent => ({
  type: 'PatientReminderPreferencesChanged',
  data: { patientId: PATIENT, cabinetId: CABINET, channels, consentDate },
});

describe('patient decider', () => {
  const spec = specFor(patientDecider);

  describe('registering', () => {
    it('given nothing, when a patient is registered, then the record holds identity, contact and history', () => {
      spec.given([]).when(register()).then([registered]);
    });

    it('given a registered patient, when registering the same id again, then PATIENT.ALREADY_EXISTS', () => {
      spec.given([registered]).when(register()).thenThrows('PATIENT.ALREADY_EXISTS');
    });

    it('given nothing, when the birth date is a day begun nowhere yet, then PATIENT.BIRTH_DATE_IN_THE_FUTURE', () => {
      spec.given([]).when(register({ birthDate: '2026-03-03' })).thenThrows('PATIENT.BIRTH_DATE_IN_THE_FUTURE');
    });

    it('given nothing, when the birth date is today, then the patient is registered', () => {
      spec.given([]).when(register({ birthDate: '2026-03-02' })).then([{ type: 'PatientRegistered', data: { ...registration, birthDate: '2026-03-02' } }]);
    });

    it('given nothing, when the birth date is not a calendar date, then PATIENT.INVALID_BIRTH_DATE', () => {
      spec.given([]).when(register({ birthDate: '1984-02-30' })).thenThrows('PATIENT.INVALID_BIRTH_DATE');
    });

    it('given nothing, when the last name is blank, then PATIENT.NAME_REQUIRED', () => {
      spec.given([]).when(register({ lastName: '  ' })).thenThrows('PATIENT.NAME_REQUIRED');
    });

    it.each(['06 12 34 56 78', '0612345678', '+33 6 12 34 56 78', '33612345678', '+0612345678', '+33', ''])(
      'given nothing, when the phone is %j, not in E.164, then PATIENT.INVALID_PHONE: the decider stores no other form',
      (phone) => {
        spec.given([]).when(register({ phone })).thenThrows('PATIENT.INVALID_PHONE');
      },
    );
  });

  describe('updating', () => {
    it('given a patient, when some fields change and one is cleared, then only those are recorded', () => {
      spec
        .given([registered])
        .when(update({ firstName: 'Hélène', phone: null, email: 'helene.durand@example.fr' }))
        .then([updated({ phone: null, email: 'helene.durand@example.fr' })]);
    });

    it('given a patient, when nothing actually changes, then nothing happens', () => {
      spec.given([registered]).when(update({ lastName: 'Durand', medicalHistory: details.medicalHistory })).then([]);
    });

    it('given a patient, when the birth date moves into the future, then PATIENT.BIRTH_DATE_IN_THE_FUTURE', () => {
      spec.given([registered]).when(update({ birthDate: '2030-01-01' })).thenThrows('PATIENT.BIRTH_DATE_IN_THE_FUTURE');
    });

    it('given a patient, when the phone changes to one not in E.164, then PATIENT.INVALID_PHONE', () => {
      spec.given([registered]).when(update({ phone: '04 78 00 00 00' })).thenThrows('PATIENT.INVALID_PHONE');
    });

    it('given a patient whose phone was stored as typed before E.164, when another field changes, then the old phone stays', () => {
      const typedBefore = updated({ phone: '06 12 34 56 78' });
      spec.given([registered, typedBefore]).when(update({ lastName: 'Durand-Petit' })).then([updated({ lastName: 'Durand-Petit' })]);
    });

    it('given nothing, when updating, then PATIENT.NOT_FOUND', () => {
      spec.given([]).when(update({ phone: null })).thenThrows('PATIENT.NOT_FOUND');
    });

    it('given a deleted patient, when updating, then PATIENT.DELETED: a deleted record changes no more', () => {
      spec.given([registered, deleted]).when(update({ phone: null })).thenThrows('PATIENT.DELETED');
    });

    describe('emptying a field is deleting it: the owner’s alone', () => {
      const withEmail = updated({ email: 'helene.durand@example.fr' });

      it.each<[keyof PatientDetails]>([['phone'], ['email'], ['medicalHistory']])(
        'given a patient whose %s holds something, when someone who may not delete empties it, then PATIENT.DELETION_RESERVED_TO_OWNER',
        (field) => {
          spec.given([registered, withEmail]).when(update({ [field]: null }, false)).thenThrows('PATIENT.DELETION_RESERVED_TO_OWNER');
        },
      );

      it('given a patient, when someone who may not delete changes a field and empties another, then the whole change is refused', () => {
        spec.given([registered]).when(update({ lastName: 'Durand-Petit', medicalHistory: null }, false)).thenThrows('PATIENT.DELETION_RESERVED_TO_OWNER');
      });

      it('given a patient, when someone who may not delete rewrites the history, adds an e-mail and empties what was empty, then that is recorded', () => {
        spec
          .given([registered])
          .when(update({ medicalHistory: 'Entorse de la cheville droite (2019), lombalgie (2025)', email: 'helene.durand@example.fr' }, false))
          .then([updated({ medicalHistory: 'Entorse de la cheville droite (2019), lombalgie (2025)', email: 'helene.durand@example.fr' })]);
        spec.given([registered]).when(update({ email: null }, false)).then([]);
      });

      it('given a patient, when the owner empties the phone and the history, then they are cleared', () => {
        spec.given([registered]).when(update({ phone: null, medicalHistory: null }, true)).then([updated({ phone: null, medicalHistory: null })]);
      });
    });

    it('given updates, then the state reads as the record now stands', () => {
      expect(stateAfter(patientDecider, [registered, updated({ lastName: 'Durand-Petit', phone: null })])).toMatchObject({
        status: 'active',
        firstName: 'Hélène',
        lastName: 'Durand-Petit',
        phone: null,
      });
    });
  });

  describe('reminder preferences', () => {
    const withEmail = updated({ email: 'helene.durand@example.fr' });

    it('given a patient with a phone and an e-mail, when both channels are chosen with a consent date, then the preferences are recorded in a fixed order', () => {
      spec.given([registered, withEmail]).when(setReminders(['sms', 'email'], '2026-03-01')).then([remindersChanged(['email', 'sms'], '2026-03-01')]);
    });

    it('given a patient, when a channel is chosen without a consent date, then PATIENT.REMINDER_CONSENT_REQUIRED', () => {
      spec.given([registered]).when(setReminders(['sms'], null)).thenThrows('PATIENT.REMINDER_CONSENT_REQUIRED');
    });

    it('given a patient, when the consent date is not a day or is in the future, then PATIENT.INVALID_CONSENT_DATE', () => {
      spec.given([registered]).when(setReminders(['sms'], '2026-02-30')).thenThrows('PATIENT.INVALID_CONSENT_DATE');
      spec.given([registered]).when(setReminders(['sms'], '2026-03-04')).thenThrows('PATIENT.INVALID_CONSENT_DATE');
    });

    it('given a patient without e-mail, when the e-mail channel is chosen, then PATIENT.REMINDER_CONTACT_MISSING', () => {
      spec.given([registered]).when(setReminders(['email'], '2026-03-01')).thenThrows('PATIENT.REMINDER_CONTACT_MISSING');
    });

    it('given a patient without phone, when the SMS channel is chosen, then PATIENT.REMINDER_CONTACT_MISSING', () => {
      spec.given([registered, updated({ phone: null })]).when(setReminders(['sms'], '2026-03-01')).thenThrows('PATIENT.REMINDER_CONTACT_MISSING');
    });

    it('given a patient, when a channel is unknown or repeated, then PATIENT.INVALID_REMINDER_CHANNELS', () => {
      spec.given([registered]).when(setReminders(['fax' as ReminderChannel], '2026-03-01')).thenThrows('PATIENT.INVALID_REMINDER_CHANNELS');
      spec.given([registered]).when(setReminders(['sms', 'sms'], '2026-03-01')).thenThrows('PATIENT.INVALID_REMINDER_CHANNELS');
    });

    it('given preferences, when consent is withdrawn (no channel), then the consent date goes with it', () => {
      spec.given([registered, remindersChanged(['sms'], '2026-03-01')]).when(setReminders([], '2026-03-01')).then([remindersChanged([], null)]);
    });

    it('given preferences, when the same are set again, then nothing happens', () => {
      spec.given([registered, remindersChanged(['sms'], '2026-03-01')]).when(setReminders(['sms'], '2026-03-01')).then([]);
      spec.given([registered]).when(setReminders([], null)).then([]);
    });

    it('given a deleted patient, when preferences are set, then PATIENT.DELETED', () => {
      spec.given([registered, deleted]).when(setReminders(['sms'], '2026-03-01')).thenThrows('PATIENT.DELETED');
    });

    it('given preferences, then the state holds them', () => {
      expect(stateAfter(patientDecider, [registered, remindersChanged(['sms'], '2026-03-01')])).toMatchObject({ reminderPreferences: { channels: ['sms'], consentDate: '2026-03-01' } });
    });
  });

  describe('deleting', () => {
    it('given a patient, when deleted, then PatientDeleted names the cabinet and its owner', () => {
      spec.given([registered]).when(remove).then([deleted]);
    });

    it('given a deleted patient, when deleted again, then nothing happens', () => {
      spec.given([registered, deleted]).when(remove).then([]);
    });

    it('given nothing, when deleting, then PATIENT.NOT_FOUND', () => {
      spec.given([]).when(remove).thenThrows('PATIENT.NOT_FOUND');
    });
  });

  it('names the patient for the ledger as FAMILY NAME then first name', () => {
    expect(ledgerNameOf({ firstName: 'Hélène', lastName: 'Durand-Lefèvre' })).toBe('DURAND-LEFÈVRE Hélène');
  });
});
