import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type LedgerLineWrittenV1, accountingEventContracts } from './accounting-events';

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const contract = accountingEventContracts.find((candidate) => candidate.type === 'LedgerLineWritten' && candidate.version === 1);
const ledgerLineWritten = ajv.compile(contract!.dataSchema as object);

describe('the LedgerLineWritten v1 contract', () => {
  const fee: LedgerLineWrittenV1 = {
    lineId: '0b6d3c1e-6a55-4f0e-9d1c-2f6f4b9a7e10:fee',
    holderId: 'acc-owner',
    cabinetId: 'cab-1',
    date: '2026-03-02',
    kind: 'income',
    category: 'consultation',
    amountCents: 6_000,
    paymentMethod: 'card',
    counterpartyAccountId: null,
    consultationId: 'cons-1',
    patientName: 'Jeanne Martin',
    reversesLineId: null,
    figure: 'receipts',
    figureCents: 6_000,
    recordedAt: '2026-03-02T10:15:00.000Z',
  };
  const counterEntry: LedgerLineWrittenV1 = {
    ...fee,
    lineId: '5d7e0a3c-1111-4c2e-8a9b-0c1d2e3f4a5b:reversal-of-fee',
    kind: 'expense',
    category: 'correction',
    reversesLineId: fee.lineId,
    figureCents: -6_000,
  };
  const manual: LedgerLineWrittenV1 = { ...fee, lineId: 'entry-1', category: 'manual', consultationId: null, patientName: null, paymentMethod: 'transfer' };

  it('given a fee, its counter-entry and a manual line, then each keeps the contract', () => {
    for (const line of [fee, counterEntry, manual]) expect(ledgerLineWritten(line)).toBe(true);
  });

  it('given a field left out, a field it does not know, a zero amount or an unknown figure, then it breaks the contract', () => {
    const { figure: _figure, ...withoutFigure } = fee;
    expect(ledgerLineWritten(withoutFigure)).toBe(false);
    expect(ledgerLineWritten({ ...fee, patientEmail: 'jeanne@example.org' })).toBe(false);
    expect(ledgerLineWritten({ ...fee, amountCents: 0 })).toBe(false);
    expect(ledgerLineWritten({ ...fee, figure: 'net' })).toBe(false);
    expect(ledgerLineWritten({ ...fee, figureCents: 60.5 })).toBe(false);
  });
});
