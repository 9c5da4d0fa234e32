import type { ConsultationCompletedV1 } from '@osteo/contracts';
import { type ConsultationFact, type ConsultationLedger, evolveConsultationLedger } from './consultation-ledger';
import type { LedgerLine, Posting } from './ledger-line';

const OWNER = 'acc-claire';
const SUBSTITUTE = 'acc-lea';
const COLLEAGUE = 'acc-hugo';
const CABINET = 'cab-lyon';

const completion = (changes: Partial<ConsultationCompletedV1> = {}): ConsultationFact => ({
  type: 'ConsultationCompleted',
  data: {
    consultationId: 'cons-1',
    patientId: 'pat-1',
    cabinetId: CABINET,
    ownerId: OWNER,
    practitionerId: SUBSTITUTE,
    practitionerRole: 'substitute',
    patientName: 'Jeanne Dupont',
    date: '2026-03-02',
    feeCents: 10_000,
    paymentMethod: 'card',
    retrocessionBasisPoints: 3_000,
    ...changes,
  },
});
const feeCorrection = (feeCents: number, paymentMethod: 'card' | 'cash' = 'card'): ConsultationFact => ({
  type: 'ConsultationFeeCorrected',
  data: { consultationId: 'cons-1', cabinetId: CABINET, ownerId: OWNER, feeCents, paymentMethod },
});
const deletion: ConsultationFact = { type: 'ConsultationDeleted', data: { consultationId: 'cons-1', cabinetId: CABINET, ownerId: OWNER, wasCompleted: true } };

const posting = (eventId: string, recordedAt = '2026-03-02T17:00:00.000Z'): Posting => ({ eventId, recordedAt });

/**
 * Given the facts a consultation went through, when one more arrives, then these lines are
 * written (only the new ones are compared), or nothing is.
 */
function given(history: readonly (readonly [ConsultationFact, Posting])[]) {
  const before = history.reduce<ConsultationLedger | null>((ledger, [fact, at]) => evolveConsultationLedger(ledger, fact, at), null);
  return {
    when(fact: ConsultationFact, at: Posting) {
      const after = evolveConsultationLedger(before, fact, at);
      const written = (after?.lines ?? []).slice(before?.lines.length ?? 0);
      return {
        after,
        thenWrites(expected: readonly Partial<LedgerLine>[]): void {
          expect(written).toEqual(expected.map((line) => expect.objectContaining(line)));
        },
        thenWritesNothing(): void {
          expect(written).toEqual([]);
          expect(after).toEqual(before);
        },
      };
    },
  };
}

describe('the ledger lines of a consultation', () => {
  describe('completed by a substitute', () => {
    it('writes the owner’s income A, the owner’s retrocession expense R and the substitute’s income R', () => {
      const { after } = given([]).when(completion(), posting('evt-1'));
      const shared = { cabinetId: CABINET, date: '2026-03-02', patientName: 'Jeanne Dupont', consultationId: 'cons-1', recordedAt: '2026-03-02T17:00:00.000Z' };
      expect(after?.lines).toEqual([
        {
          ...shared,
          entryId: 'evt-1:fee',
          holderId: OWNER,
          kind: 'income',
          category: 'consultation',
          amountCents: 10_000,
          paymentMethod: 'card',
          orderingKey: '2026-03-02T17:00:00.000Z|evt-1|00',
        },
        {
          ...shared,
          entryId: 'evt-1:retrocession-paid',
          holderId: OWNER,
          kind: 'expense',
          category: 'retrocession',
          amountCents: 3_000,
          paymentMethod: 'other',
          counterpartyAccountId: SUBSTITUTE,
          orderingKey: '2026-03-02T17:00:00.000Z|evt-1|01',
        },
        {
          ...shared,
          entryId: 'evt-1:retrocession-received',
          holderId: SUBSTITUTE,
          kind: 'income',
          category: 'retrocession',
          amountCents: 3_000,
          paymentMethod: 'other',
          counterpartyAccountId: OWNER,
          orderingKey: '2026-03-02T17:00:00.000Z|evt-1|02',
        },
      ]);
      expect(after).toMatchObject({ status: 'live', feeCents: 10_000, retrocededCents: 3_000, retrocessionBasisPoints: 3_000 });
    });

    it('at a rate of 0 %, writes the owner’s income only: no line of 0', () => {
      given([])
        .when(completion({ retrocessionBasisPoints: 0 }), posting('evt-1'))
        .thenWrites([{ entryId: 'evt-1:fee', holderId: OWNER, kind: 'income', amountCents: 10_000 }]);
    });

    it('at 100 %, the owner retrocedes the whole fee', () => {
      given([])
        .when(completion({ retrocessionBasisPoints: 10_000, feeCents: 6_500 }), posting('evt-1'))
        .thenWrites([
          { holderId: OWNER, kind: 'income', amountCents: 6_500 },
          { holderId: OWNER, kind: 'expense', amountCents: 6_500 },
          { holderId: SUBSTITUTE, kind: 'income', amountCents: 6_500 },
        ]);
    });
  });

  it('completed by a colleague, writes one income in the colleague’s ledger', () => {
    given([])
      .when(completion({ practitionerId: COLLEAGUE, practitionerRole: 'colleague', retrocessionBasisPoints: null }), posting('evt-1'))
      .thenWrites([{ entryId: 'evt-1:fee', holderId: COLLEAGUE, kind: 'income', category: 'consultation', amountCents: 10_000 }]);
  });

  it('completed by the owner, writes one income in the owner’s ledger, whatever rate the event carries', () => {
    given([])
      .when(completion({ practitionerId: OWNER, practitionerRole: 'owner', retrocessionBasisPoints: 3_000 }), posting('evt-1'))
      .thenWrites([{ entryId: 'evt-1:fee', holderId: OWNER, kind: 'income', amountCents: 10_000 }]);
  });

  it('given a completion, when the same consultation is completed again, then nothing is written', () => {
    given([[completion(), posting('evt-1')]]).when(completion({ feeCents: 20_000 }), posting('evt-2')).thenWritesNothing();
  });

  describe('fee corrected', () => {
    it('cancels the three lines in force with counter-entries, then writes the corrected lines at the rate of the completion', () => {
      given([[completion(), posting('evt-1')]])
        .when(feeCorrection(8_000, 'cash'), posting('evt-2', '2026-04-10T09:00:00.000Z'))
        .thenWrites([
          { entryId: 'evt-2:reversal-of-fee', holderId: OWNER, kind: 'expense', category: 'correction', amountCents: 10_000, consultationId: 'cons-1', paymentMethod: 'card' },
          { entryId: 'evt-2:reversal-of-retrocession-paid', holderId: OWNER, kind: 'income', category: 'correction', amountCents: 3_000, counterpartyAccountId: SUBSTITUTE },
          { entryId: 'evt-2:reversal-of-retrocession-received', holderId: SUBSTITUTE, kind: 'expense', category: 'correction', amountCents: 3_000, counterpartyAccountId: OWNER },
          { entryId: 'evt-2:fee', holderId: OWNER, kind: 'income', category: 'consultation', amountCents: 8_000, paymentMethod: 'cash' },
          { entryId: 'evt-2:retrocession-paid', holderId: OWNER, kind: 'expense', category: 'retrocession', amountCents: 2_400 },
          { entryId: 'evt-2:retrocession-received', holderId: SUBSTITUTE, kind: 'income', category: 'retrocession', amountCents: 2_400 },
        ]);
    });

    it('dates counter-entries and corrected lines like the consultation, so every period stays exact; recordedAt tells when', () => {
      const { after } = given([[completion(), posting('evt-1')]]).when(feeCorrection(8_000), posting('evt-2', '2026-04-10T09:00:00.000Z'));
      const written = after!.lines.slice(3);
      expect(new Set(written.map((line) => line.date))).toEqual(new Set(['2026-03-02']));
      expect(new Set(written.map((line) => line.recordedAt))).toEqual(new Set(['2026-04-10T09:00:00.000Z']));
    });

    it('given a correction, when corrected again, then the corrected lines are the ones cancelled', () => {
      given([
        [completion({ practitionerId: COLLEAGUE, practitionerRole: 'colleague', retrocessionBasisPoints: null }), posting('evt-1')],
        [feeCorrection(8_000), posting('evt-2')],
      ])
        .when(feeCorrection(9_000), posting('evt-3'))
        .thenWrites([
          { entryId: 'evt-3:reversal-of-fee', holderId: COLLEAGUE, kind: 'expense', amountCents: 8_000 },
          { entryId: 'evt-3:fee', holderId: COLLEAGUE, kind: 'income', amountCents: 9_000 },
        ]);
    });

    it('to the fee and payment method it already has, writes nothing', () => {
      given([[completion(), posting('evt-1')]]).when(feeCorrection(10_000, 'card'), posting('evt-2')).thenWritesNothing();
    });

    it('of a consultation never completed, writes nothing', () => {
      given([]).when(feeCorrection(8_000), posting('evt-2')).thenWritesNothing();
    });
  });

  describe('deleted', () => {
    it('writes the counter-entries of the lines in force, and nothing else', () => {
      const { after } = given([
        [completion(), posting('evt-1')],
        [feeCorrection(8_000), posting('evt-2')],
      ]).when(deletion, posting('evt-3'));
      expect(after!.lines.slice(9)).toEqual([
        expect.objectContaining({ entryId: 'evt-3:reversal-of-fee', holderId: OWNER, kind: 'expense', category: 'correction', amountCents: 8_000 }),
        expect.objectContaining({ entryId: 'evt-3:reversal-of-retrocession-paid', holderId: OWNER, kind: 'income', amountCents: 2_400 }),
        expect.objectContaining({ entryId: 'evt-3:reversal-of-retrocession-received', holderId: SUBSTITUTE, kind: 'expense', amountCents: 2_400 }),
      ]);
      expect(after).toMatchObject({ status: 'deleted', liveLines: [] });
    });

    it('given a deleted consultation, when deleted again or corrected, then nothing is written', () => {
      const history = [
        [completion(), posting('evt-1')],
        [deletion, posting('evt-2')],
      ] as const;
      given(history).when(deletion, posting('evt-3')).thenWritesNothing();
      given(history).when(feeCorrection(5_000), posting('evt-3')).thenWritesNothing();
    });

    it('before completion, writes nothing', () => {
      given([]).when({ ...deletion, data: { ...deletion.data, wasCompleted: false } }, posting('evt-1')).thenWritesNothing();
    });
  });

  it('never edits a line once written: every correction appends', () => {
    const { after } = given([
      [completion(), posting('evt-1')],
      [feeCorrection(8_000), posting('evt-2')],
    ]).when(deletion, posting('evt-3'));
    const completed = evolveConsultationLedger(null, completion(), posting('evt-1'))!;
    expect(after!.lines.slice(0, 3)).toEqual(completed.lines);
  });

  it('stores no label: a consultation’s lines and counter-entries hold facts, even those cancelling a line stored with an English label (before #13)', () => {
    const completed = evolveConsultationLedger(null, completion(), posting('evt-1'))!;
    expect(completed.lines.every((line) => line.label === undefined)).toBe(true);
    const storedBefore13: ConsultationLedger = { ...completed, lines: completed.lines.map((line) => ({ ...line, label: `Consultation — ${line.patientName}` })) };
    const deleted = evolveConsultationLedger(storedBefore13, deletion, posting('evt-2'))!;
    expect(deleted.lines.slice(3).map((line) => [line.category, line.label])).toEqual([
      ['correction', undefined],
      ['correction', undefined],
      ['correction', undefined],
    ]);
  });
});
