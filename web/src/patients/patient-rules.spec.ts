import { can, type Action } from '@osteo/access-policy';
import { principalAccessOf } from '../access/spaces';
import {
  ageOn,
  consultationActions,
  consultationFormProblems,
  feeBody,
  feeFormProblems,
  feeProblem,
  isCalendarDay,
  newestFirst,
  newConsultationForm,
  patientFormOf,
  phoneForReading,
  phoneHref,
  phoneInE164,
  openConsultationBody,
  patientFormProblems,
  patientName,
  readerName,
  recordActions,
  registerPatientBody,
  reviseConsultationBody,
  updatePatientBody,
  type PatientFormValues,
} from './patient-rules';
import type { Consultation, PatientRecord } from './types';

const today = '2026-12-04';

describe('ages and days', () => {
  it('counts full years, a birthday today included', () => {
    expect(ageOn('1984-12-04', today)).toBe(42);
    expect(ageOn('1984-12-05', today)).toBe(41);
    expect(ageOn('1984-06-12', today)).toBe(42);
    expect(ageOn('2026-12-04', today)).toBe(0);
  });

  it('ages someone born on 29 February on 1 March of other years', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('has no age for a day that is not one, or in the future', () => {
    expect(ageOn('2026-02-30', today)).toBeUndefined();
    expect(ageOn('2027-01-01', today)).toBeUndefined();
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('04/12/2026')).toBe(false);
  });

  it('names a patient as the cabinet does: DURAND Hélène', () => {
    expect(patientName({ firstName: 'Hélène', lastName: 'Durand' })).toBe('DURAND Hélène');
  });
});

const helene: PatientFormValues = { firstName: ' Hélène ', lastName: 'Durand', birthDate: '1984-06-12', phone: '', email: '', medicalHistory: '' };

describe('the patient form', () => {
  it('accepts names and a past birth date alone', () => {
    expect(patientFormProblems(helene, today)).toEqual({});
  });

  it('says what is wrong with each field, with the API\'s limits', () => {
    expect(
      patientFormProblems({ firstName: '  ', lastName: 'x'.repeat(81), birthDate: '2026-12-05', phone: 'abc', email: 'helene@', medicalHistory: 'x'.repeat(20_001) }, today),
    ).toEqual({ firstName: 'required', lastName: 'tooLong', birthDate: 'futureDate', phone: 'invalidPhone', email: 'invalidEmail', medicalHistory: 'tooLong' });
    expect(patientFormProblems({ ...helene, birthDate: '' }, today)).toEqual({ birthDate: 'required' });
    expect(patientFormProblems({ ...helene, birthDate: '2026-02-30' }, today)).toEqual({ birthDate: 'invalidDate' });
    expect(patientFormProblems({ ...helene, phone: '+33 6 12 34 56 78', email: 'helene.durand@example.fr' }, today)).toEqual({});
  });

  it('accepts a phone as people type it, French without its code, a foreign one with it; refuses what is no number', () => {
    for (const phone of ['06 12 34 56 78', '06.12.34.56.78', '+33 6 12 34 56 78', '0033612345678', '+44 20 7946 0958']) {
      expect({ phone, problems: patientFormProblems({ ...helene, phone }, today) }).toEqual({ phone, problems: {} });
    }
    for (const phone of ['12', '06 12 34 56', '06 12 34 56 78 (portable)', '0612345678 ext. 12', '0'.repeat(41)]) {
      expect({ phone, problems: patientFormProblems({ ...helene, phone }, today) }).toEqual({ phone, problems: { phone: 'invalidPhone' } });
    }
  });

  it('reads a stored phone in E.164 formatted, with a tel: link; one stored as typed before stays as it is', () => {
    expect([phoneInE164('06 12 34 56 78'), phoneInE164('0033 6 12 34 56 78'), phoneInE164('abc')]).toEqual(['+33612345678', '+33612345678', undefined]);
    expect(phoneForReading('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(phoneForReading('+442079460958')).toBe('+44 20 7946 0958');
    expect(phoneForReading('poste 12')).toBe('poste 12');
    expect([phoneHref('+33612345678'), phoneHref('06 12 34 56 78')]).toEqual(['tel:+33612345678', 'tel:+33612345678']);
  });

  it('sends trimmed names and leaves empty optional fields out', () => {
    expect(registerPatientBody(helene)).toEqual({ firstName: 'Hélène', lastName: 'Durand', birthDate: '1984-06-12' });
    expect(registerPatientBody({ ...helene, phone: ' 06 12 34 56 78 ', email: 'h@example.fr ', medicalHistory: 'Entorse 2019\n' })).toEqual({
      firstName: 'Hélène',
      lastName: 'Durand',
      birthDate: '1984-06-12',
      phone: '06 12 34 56 78',
      email: 'h@example.fr',
      medicalHistory: 'Entorse 2019\n',
    });
  });

  it('patches only what changed, and clears an emptied field with null', () => {
    const current: PatientRecord = {
      patientId: 'p1',
      cabinetId: 'c1',
      firstName: 'Hélène',
      lastName: 'Durand',
      birthDate: '1984-06-12',
      phone: '0612345678',
      email: null,
      medicalHistory: 'Entorse',
      reminderPreferences: { channels: [], consentDate: null },
    };
    expect(updatePatientBody({ ...helene, phone: '0612345678', medicalHistory: 'Entorse' }, current)).toEqual({});
    // The form shows the number formatted, the record holds it in E.164 (or as typed before): the same number is no change.
    expect(updatePatientBody({ ...helene, phone: '+33 6 12 34 56 78', medicalHistory: 'Entorse' }, current)).toEqual({});
    expect(updatePatientBody({ ...helene, phone: '+33 6 12 34 56 78', medicalHistory: 'Entorse' }, { ...current, phone: '+33612345678' })).toEqual({});
    expect(updatePatientBody({ ...helene, phone: '04 78 00 00 00', medicalHistory: 'Entorse' }, current)).toEqual({ phone: '04 78 00 00 00' });
    expect(patientFormOf({ ...current, phone: '+33612345678' }).phone).toBe('+33 6 12 34 56 78');
    expect(updatePatientBody({ ...helene, lastName: 'Durand-Lefèvre', phone: '', email: 'h@example.fr', medicalHistory: 'Entorse' }, current)).toEqual({
      lastName: 'Durand-Lefèvre',
      phone: null,
      email: 'h@example.fr',
    });
  });
});

const open: Consultation = {
  consultationId: 'k1',
  practitionerId: 'acc-sub',
  status: 'open',
  date: '2026-12-01',
  reason: 'Lombalgie',
  notes: null,
  examination: null,
  treatment: null,
  feeCents: null,
  paymentMethod: null,
};

describe('the consultation form', () => {
  it('opens on today, with a reason required', () => {
    const values = newConsultationForm(today);
    expect(values.date).toBe(today);
    expect(consultationFormProblems(values, today)).toEqual({ reason: 'required' });
    expect(consultationFormProblems({ ...values, reason: 'Lombalgie', date: '2026-12-05' }, today)).toEqual({ date: 'futureDate' });
    expect(consultationFormProblems({ ...values, reason: 'x'.repeat(2_001) }, today)).toEqual({ reason: 'tooLong' });
  });

  it('sends the trimmed reason and leaves empty notes out', () => {
    expect(openConsultationBody({ ...newConsultationForm(today), reason: ' Lombalgie ' })).toEqual({ date: today, reason: 'Lombalgie' });
    expect(openConsultationBody({ ...newConsultationForm(today), reason: 'Lombalgie', notes: 'Douleur L4' })).toEqual({ date: today, reason: 'Lombalgie', notes: 'Douleur L4' });
  });

  it('revises only what changed, never the date of a completed one', () => {
    const values = { date: '2026-12-02', reason: 'Lombalgie', notes: 'Mieux', examination: '', treatment: '' };
    expect(reviseConsultationBody(values, open)).toEqual({ date: '2026-12-02', notes: 'Mieux' });
    expect(reviseConsultationBody(values, { ...open, status: 'completed', notes: 'Avant' })).toEqual({ notes: 'Mieux' });
    expect(reviseConsultationBody({ ...values, date: open.date, notes: '' }, { ...open, notes: 'Avant' })).toEqual({ notes: null });
  });
});

describe('the consultations of a record', () => {
  it('come newest first, the last opened first within a day', () => {
    const listed = [
      { id: 'b1', date: '2026-12-04' },
      { id: 'b2', date: '2026-12-04' },
      { id: 'a', date: '2026-11-20' },
      { id: 'c', date: '2026-12-05' },
    ];
    expect(newestFirst(listed).map(({ id }) => id)).toEqual(['c', 'b2', 'b1', 'a']);
  });
});

describe('fees', () => {
  it('reads euros with at most two decimals, more than zero, at most 1 000 000 €', () => {
    expect(feeProblem('60')).toBeNull();
    expect(feeProblem('60,5')).toBeNull();
    expect(feeProblem('')).toBe('required');
    expect(feeProblem('60,555')).toBe('invalidFee');
    expect(feeProblem('-5')).toBe('invalidFee');
    expect(feeProblem('0')).toBe('feeZero');
    expect(feeProblem('1000000,01')).toBe('feeTooHigh');
  });

  it('sends integer cents and a payment method, or nothing while the form is wrong', () => {
    expect(feeBody({ fee: '55,50', paymentMethod: 'card' })).toEqual({ feeCents: 5550, paymentMethod: 'card' });
    expect(feeBody({ fee: '0,10', paymentMethod: 'cash' })).toEqual({ feeCents: 10, paymentMethod: 'cash' });
    expect(feeBody({ fee: '55', paymentMethod: '' })).toBeUndefined();
    expect(feeFormProblems({ fee: 'abc', paymentMethod: '' })).toEqual({ fee: 'invalidFee', paymentMethod: 'required' });
  });
});

describe('which actions a screen offers, as the API\'s policy decides', () => {
  const claire = 'acc-claire';
  const allowsFor = (accountId: string, role: 'owner' | 'colleague' | 'substitute' | 'secretary') => {
    const access = principalAccessOf(accountId, [{ ownerId: claire, role, cabinetIds: ['c1'] }]);
    return (action: Action) => can(access, action, { kind: 'cabinet', cabinetId: 'c1' }) === 'allow';
  };

  it('gives the owner delete and the access log; colleagues and substitutes edit and open consultations only', () => {
    expect(recordActions(allowsFor(claire, 'owner'))).toEqual({ edit: true, openConsultation: true, delete: true, accessLog: true });
    for (const role of ['colleague', 'substitute'] as const) {
      expect(recordActions(allowsFor('acc-other', role))).toEqual({ edit: true, openConsultation: true, delete: false, accessLog: false });
    }
    expect(recordActions(allowsFor('acc-sec', 'secretary'))).toEqual({ edit: false, openConsultation: false, delete: false, accessLog: false });
  });

  it('lets only the practitioner complete an open consultation, and the owner correct or delete', () => {
    const substitute = allowsFor('acc-sub', 'substitute');
    const owner = allowsFor(claire, 'owner');
    expect(consultationActions(open, 'acc-sub', substitute)).toEqual({ edit: true, complete: true, correctFee: false, delete: false });
    expect(consultationActions(open, claire, owner)).toEqual({ edit: true, complete: false, correctFee: false, delete: true });
    const completed: Consultation = { ...open, status: 'completed', feeCents: 6000, paymentMethod: 'card' };
    expect(consultationActions(completed, 'acc-sub', substitute)).toEqual({ edit: true, complete: false, correctFee: false, delete: false });
    expect(consultationActions(completed, claire, owner)).toEqual({ edit: true, complete: false, correctFee: true, delete: true });
  });
});

describe('who opened a record', () => {
  it('is named by the log, else by the cabinet, else by the account id', () => {
    const names = new Map([['acc-sub', 'Paul Remplaçant']]);
    expect(readerName({ accountId: 'acc-sub', displayName: 'Dr Paul Petit' }, names)).toBe('Dr Paul Petit');
    expect(readerName({ accountId: 'acc-sub', displayName: null }, names)).toBe('Paul Remplaçant');
    expect(readerName({ accountId: 'acc-x' }, names)).toBe('acc-x');
  });
});
