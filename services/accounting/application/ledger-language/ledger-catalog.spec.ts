import { ledgerCatalogs, readerLanguages, translatorFor } from './ledger-catalog';
import { ledgerLabelOf } from './ledger-labels';

describe('the accounting catalog', () => {
  it('has the same keys in French and English, none of them blank', () => {
    const keys = Object.keys(ledgerCatalogs.fr).sort();
    for (const language of readerLanguages) {
      expect(Object.keys(ledgerCatalogs[language]).sort()).toEqual(keys);
      expect(Object.values(ledgerCatalogs[language]).every((text) => text.trim() !== '')).toBe(true);
    }
  });

  it('fills in the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
    for (const key of Object.keys(ledgerCatalogs.fr) as (keyof typeof ledgerCatalogs.fr)[]) {
      expect([key, placeholders(ledgerCatalogs.en[key])]).toEqual([key, placeholders(ledgerCatalogs.fr[key])]);
    }
  });
});

describe('a ledger line’s label', () => {
  const fr = translatorFor('fr');
  const en = translatorFor('en');
  const consultationLine = { entryId: 'evt-1:fee', category: 'consultation' as const, patientName: 'محمد علي' };

  it('is written from the line’s facts in the reader’s language', () => {
    expect(ledgerLabelOf(consultationLine, fr)).toBe('Consultation — محمد علي');
    expect(ledgerLabelOf({ entryId: 'evt-1:retrocession-paid', category: 'retrocession', patientName: '王小明' }, fr)).toBe('Rétrocession versée — 王小明');
    expect(ledgerLabelOf({ entryId: 'evt-1:retrocession-paid', category: 'retrocession', patientName: '王小明' }, en)).toBe('Retrocession paid — 王小明');
    expect(ledgerLabelOf({ entryId: 'evt-2:reversal-of-retrocession-received', category: 'correction', patientName: 'DUPONT Jeanne' }, fr)).toBe('Annulation — Rétrocession reçue — DUPONT Jeanne');
    expect(ledgerLabelOf({ entryId: 'evt-2:reversal-of-fee', category: 'correction', patientName: 'DUPONT Jeanne' }, en)).toBe('Reversal — Consultation — DUPONT Jeanne');
  });

  it('reads the facts of a line stored with an English label, not the label', () => {
    expect(ledgerLabelOf({ ...consultationLine, patientName: 'DUPONT Jeanne', label: 'Consultation — DUPONT Jeanne' }, fr)).toBe('Consultation — DUPONT Jeanne');
    expect(ledgerLabelOf({ entryId: 'evt-1:retrocession-received', category: 'retrocession', patientName: 'DUPONT Jeanne', label: 'Retrocession — DUPONT Jeanne' }, fr)).toBe(
      'Rétrocession reçue — DUPONT Jeanne',
    );
  });

  it('shows a manual line’s own words, and keeps the stored text where no fact tells more', () => {
    expect(ledgerLabelOf({ entryId: 'entry-1', category: 'manual', label: 'Blouses' }, en)).toBe('Blouses');
    // A manual label that looks like a consultation's is still the holder's words.
    expect(ledgerLabelOf({ entryId: 'x:fee', category: 'manual', label: 'Frais' }, en)).toBe('Frais');
    expect(ledgerLabelOf({ entryId: 'evt-1:fee', category: 'consultation', label: 'Consultation — someone' }, fr)).toBe('Consultation — someone');
  });

  it('leaves a placeholder with no value as it is rather than printing "undefined"', () => {
    expect(fr('label.fee')).toBe('Consultation — {patient}');
  });
});
