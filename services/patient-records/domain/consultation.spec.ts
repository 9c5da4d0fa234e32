import { specFor } from '@osteo/event-sourcing/decider-spec';
import { consultationDecider, type ClinicalNotes, type ConsultationCommand, type ConsultationEvent, type ConsultationOpening, type PractitionerStanding } from './consultation';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };

const CONSULTATION = 'con-1';
const PATIENT = 'pat-1';
const CABINET = 'cab-lyon';
const OWNER = 'acc-claire';
const SUBSTITUTE = 'acc-sophie';
const COLLEAGUE = 'acc-hugo';

const ids = { consultationId: CONSULTATION, patientId: PATIENT, cabinetId: CABINET, ownerId: OWNER };
const opening: ConsultationOpening = { ...ids, practitionerId: SUBSTITUTE, date: '2026-03-02', reason: 'Lombalgie aiguë', notes: null };
const patient = { firstName: 'Hélène', lastName: 'Durand' };
const asSubstitute = (retrocessionBasisPoints: number | null): PractitionerStanding => ({ role: 'substitute', retrocessionBasisPoints });

// Events
const opened: ConsultationEvent = { type: 'ConsultationOpened', data: opening };
const openedByOwner: ConsultationEvent = { type: 'ConsultationOpened', data: { ...opening, practitionerId: OWNER } };
const revised = (changes: Partial<ClinicalNotes>): ConsultationEvent => ({ type: 'ConsultationRevised', data: { consultationId: CONSULTATION, patientId: PATIENT, changes } });
const completedBySubstitute: ConsultationEvent = {
  type: 'ConsultationCompleted',
  data: {
    ...ids,
    practitionerId: SUBSTITUTE,
    practitionerRole: 'substitute',
    patientName: 'DURAND Hélène',
    date: '2026-03-02',
    feeCents: 6000,
    paymentMethod: 'card',
    retrocessionBasisPoints: 3000,
  },
};
/** What places the consultation, as completedBySubstitute fixed it: repeated on each correction. */
const completionTerms = { date: '2026-03-02', practitionerId: SUBSTITUTE, practitionerRole: 'substitute', retrocessionBasisPoints: 3000 } as const;
const feeCorrected = (feeCents: number, paymentMethod: 'cash' | 'card'): ConsultationEvent => ({ type: 'ConsultationFeeCorrected', data: { ...ids, feeCents, paymentMethod, ...completionTerms } });
/** As recorded before #14, without the completion's terms. */
const feeCorrectedBefore14 = (feeCents: number, paymentMethod: 'cash' | 'card'): ConsultationEvent => ({ type: 'ConsultationFeeCorrected', data: { ...ids, feeCents, paymentMethod } });
const deleted = (wasCompleted: boolean): ConsultationEvent => ({ type: 'ConsultationDeleted', data: { ...ids, wasCompleted } });

// Commands
const open = (overrides: Partial<ConsultationOpening> = {}): ConsultationCommand => ({ type: 'OpenConsultation', data: { ...opening, ...overrides }, metadata });
/** `mayDelete`: the owner may, a substitute or a colleague may not (the access policy's consultation.delete). */
const revise = (changes: Partial<ClinicalNotes>, mayDelete = true): ConsultationCommand => ({ type: 'ReviseConsultation', data: { changes, mayDelete }, metadata });
const complete = (byAccountId: string, standing: PractitionerStanding, fee: { feeCents: number; paymentMethod: string } = { feeCents: 6000, paymentMethod: 'card' }): ConsultationCommand => ({
  type: 'CompleteConsultation',
  data: { byAccountId, standing, patient, ...fee },
  metadata,
});
const correctFee = (feeCents: number, paymentMethod: string): ConsultationCommand => ({ type: 'CorrectConsultationFee', data: { feeCents, paymentMethod }, metadata });
const remove: ConsultationCommand = { type: 'DeleteConsultation', data: {}, metadata };

describe('consultation decider', () => {
  const spec = specFor(consultationDecider);

  describe('opening', () => {
    it('given nothing, when a practitioner opens a consultation, then it is opened with them as its practitioner', () => {
      spec.given([]).when(open()).then([opened]);
    });

    it('given an opened consultation, when opening it again, then CONSULTATION.ALREADY_EXISTS', () => {
      spec.given([opened]).when(open()).thenThrows('CONSULTATION.ALREADY_EXISTS');
    });

    it.each([
      ['not a calendar date', '2026-02-30', 'CONSULTATION.INVALID_DATE'],
      ['a day begun nowhere yet', '2026-03-03', 'CONSULTATION.DATE_IN_THE_FUTURE'],
    ])('given nothing, when the date is %s, then %s', (_label, date, code) => {
      spec.given([]).when(open({ date })).thenThrows(code);
    });

    it('given nothing, when the reason is blank, then CONSULTATION.REASON_REQUIRED', () => {
      spec.given([]).when(open({ reason: ' ' })).thenThrows('CONSULTATION.REASON_REQUIRED');
    });
  });

  describe('revising', () => {
    it('given an open consultation, when examination and treatment are written, then only they are recorded', () => {
      spec
        .given([opened])
        .when(revise({ reason: 'Lombalgie aiguë', examination: 'Flexion limitée', treatment: 'Techniques myotensives' }))
        .then([revised({ examination: 'Flexion limitée', treatment: 'Techniques myotensives' })]);
    });

    it('given a completed consultation, when its notes are completed, then they are recorded', () => {
      spec.given([opened, completedBySubstitute]).when(revise({ notes: 'Revoir dans 3 semaines' })).then([revised({ notes: 'Revoir dans 3 semaines' })]);
    });

    it('given a completed consultation, when its date changes, then CONSULTATION.DATE_FIXED_ONCE_COMPLETED', () => {
      spec.given([opened, completedBySubstitute]).when(revise({ date: '2026-03-01' })).thenThrows('CONSULTATION.DATE_FIXED_ONCE_COMPLETED');
    });

    it('given an open consultation, when nothing actually changes, then nothing happens', () => {
      spec.given([opened]).when(revise({ date: '2026-03-02', notes: null })).then([]);
    });

    describe('emptying a note is deleting it: the owner’s alone', () => {
      const written = revised({ notes: 'Douleur depuis trois jours', examination: 'Flexion limitée', treatment: 'Techniques myotensives' });

      it.each<[keyof ClinicalNotes]>([['notes'], ['examination'], ['treatment']])(
        'given a consultation whose %s holds something, when someone who may not delete empties it, then CONSULTATION.DELETION_RESERVED_TO_OWNER',
        (field) => {
          spec.given([opened, written]).when(revise({ [field]: null }, false)).thenThrows('CONSULTATION.DELETION_RESERVED_TO_OWNER');
        },
      );

      it('given a completed consultation with notes, when someone who may not delete empties them, then CONSULTATION.DELETION_RESERVED_TO_OWNER', () => {
        spec.given([opened, written, completedBySubstitute]).when(revise({ notes: null, reason: 'Lombalgie' }, false)).thenThrows('CONSULTATION.DELETION_RESERVED_TO_OWNER');
      });

      it('given a consultation with notes, when someone who may not delete rewrites them and empties what was empty, then the rewrite is recorded', () => {
        spec.given([opened, revised({ notes: 'Douleur' })]).when(revise({ notes: 'Douleur depuis trois jours', examination: null }, false)).then([revised({ notes: 'Douleur depuis trois jours' })]);
      });

      it('given a consultation with notes, when the owner empties them, then they are cleared', () => {
        spec.given([opened, written]).when(revise({ notes: null, treatment: null }, true)).then([revised({ notes: null, treatment: null })]);
      });
    });

    it('given a deleted consultation, when revising it, then CONSULTATION.DELETED', () => {
      spec.given([opened, deleted(false)]).when(revise({ notes: 'x' })).thenThrows('CONSULTATION.DELETED');
    });
  });

  describe('completing', () => {
    it('given a substitute’s open consultation, when they complete it at 30 %, then the event carries role, rate, fee and the patient’s ledger name', () => {
      spec.given([opened]).when(complete(SUBSTITUTE, asSubstitute(3000))).then([completedBySubstitute]);
    });

    it('given an owner’s open consultation, when they complete it, then no rate is carried', () => {
      spec
        .given([openedByOwner])
        .when(complete(OWNER, { role: 'owner' }, { feeCents: 5500, paymentMethod: 'cash' }))
        .then([
          {
            type: 'ConsultationCompleted',
            data: { ...ids, practitionerId: OWNER, practitionerRole: 'owner', patientName: 'DURAND Hélène', date: '2026-03-02', feeCents: 5500, paymentMethod: 'cash', retrocessionBasisPoints: null },
          },
        ]);
    });

    it('given a completed consultation, when completing it again, then CONSULTATION.ALREADY_COMPLETED', () => {
      spec.given([opened, completedBySubstitute]).when(complete(SUBSTITUTE, asSubstitute(3000))).thenThrows('CONSULTATION.ALREADY_COMPLETED');
    });

    it.each([
      ['the owner', OWNER, { role: 'owner' } as const],
      ['a colleague', COLLEAGUE, { role: 'colleague' } as const],
    ])('given a substitute’s consultation, when %s completes it, then CONSULTATION.NOT_PRACTITIONER', (_label, accountId, standing) => {
      spec.given([opened]).when(complete(accountId, standing)).thenThrows('CONSULTATION.NOT_PRACTITIONER');
    });

    it('given a substitute with no rate in force, when they complete, then CONSULTATION.RETROCESSION_RATE_UNKNOWN rather than a guess', () => {
      spec.given([opened]).when(complete(SUBSTITUTE, asSubstitute(null))).thenThrows('CONSULTATION.RETROCESSION_RATE_UNKNOWN');
    });

    it('given a substitute, when the rate in force is not whole basis points, then CONSULTATION.INVALID_RETROCESSION_RATE', () => {
      spec.given([opened]).when(complete(SUBSTITUTE, asSubstitute(3000.5))).thenThrows('CONSULTATION.INVALID_RETROCESSION_RATE');
    });

    it.each([
      ['zero', 0],
      ['negative', -6000],
      ['not whole cents', 60.5],
      ['above the bound', 100_000_001],
      ['not a number', Number.NaN],
    ])('given an open consultation, when the fee is %s, then CONSULTATION.INVALID_FEE', (_label, feeCents) => {
      spec.given([opened]).when(complete(SUBSTITUTE, asSubstitute(3000), { feeCents, paymentMethod: 'card' })).thenThrows('CONSULTATION.INVALID_FEE');
    });

    it('given an open consultation, when the payment method is unknown, then CONSULTATION.INVALID_PAYMENT_METHOD', () => {
      spec.given([opened]).when(complete(SUBSTITUTE, asSubstitute(3000), { feeCents: 6000, paymentMethod: 'bitcoin' })).thenThrows('CONSULTATION.INVALID_PAYMENT_METHOD');
    });

    it('given a deleted consultation, when completing it, then CONSULTATION.DELETED', () => {
      spec.given([opened, deleted(false)]).when(complete(SUBSTITUTE, asSubstitute(3000))).thenThrows('CONSULTATION.DELETED');
    });
  });

  describe('correcting the fee', () => {
    it('given a completed consultation, when the fee and method are corrected, then ConsultationFeeCorrected', () => {
      spec.given([opened, completedBySubstitute]).when(correctFee(6500, 'cash')).then([feeCorrected(6500, 'cash')]);
    });

    it('given a correction recorded before the terms were repeated, when corrected again, then the new correction carries the completion\'s terms', () => {
      spec.given([opened, completedBySubstitute, feeCorrectedBefore14(6500, 'cash')]).when(correctFee(7000, 'card')).then([feeCorrected(7000, 'card')]);
    });

    it('given a corrected fee, when corrected again to the same values, then nothing happens', () => {
      spec.given([opened, completedBySubstitute, feeCorrected(6500, 'cash')]).when(correctFee(6500, 'cash')).then([]);
    });

    it('given an open consultation, when correcting its fee, then CONSULTATION.NOT_COMPLETED', () => {
      spec.given([opened]).when(correctFee(6500, 'cash')).thenThrows('CONSULTATION.NOT_COMPLETED');
    });

    it('given a completed consultation, when the corrected fee is zero, then CONSULTATION.INVALID_FEE', () => {
      spec.given([opened, completedBySubstitute]).when(correctFee(0, 'cash')).thenThrows('CONSULTATION.INVALID_FEE');
    });
  });

  describe('deleting', () => {
    it('given an open consultation, when deleted, then ConsultationDeleted says it was not completed', () => {
      spec.given([opened]).when(remove).then([deleted(false)]);
    });

    it('given a completed consultation, when deleted, then ConsultationDeleted says it was completed (the ledger cancels its lines)', () => {
      spec.given([opened, completedBySubstitute]).when(remove).then([deleted(true)]);
    });

    it('given a deleted consultation, when deleted again, then nothing happens', () => {
      spec.given([opened, deleted(false)]).when(remove).then([]);
    });

    it('given nothing, when deleting, then CONSULTATION.NOT_FOUND', () => {
      spec.given([]).when(remove).thenThrows('CONSULTATION.NOT_FOUND');
    });
  });
});
