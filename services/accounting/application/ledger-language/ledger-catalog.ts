/**
 * Every word accounting writes for a person to read (ledger labels, export headings, names of
 * categories and payment methods), in French, the platform's first language, and in English.
 * `{name}` marks what is filled in. The English catalog is typed by the French one, so neither
 * can lack a key (ledger-catalog.spec.ts checks it at run time too).
 */
export const readerLanguages = ['fr', 'en'] as const;
export type ReaderLanguage = (typeof readerLanguages)[number];
export const DEFAULT_READER_LANGUAGE: ReaderLanguage = 'fr';

const fr = {
  'label.fee': 'Consultation — {patient}',
  'label.retrocessionPaid': 'Rétrocession versée — {patient}',
  'label.retrocessionReceived': 'Rétrocession reçue — {patient}',
  'label.reversal': 'Annulation — {cancelled}',

  'kind.income': 'Recette',
  'kind.expense': 'Dépense',
  'category.consultation': 'Consultation',
  'category.retrocession': 'Rétrocession',
  'category.manual': 'Saisie manuelle',
  'category.correction': 'Correction',
  'payment.cash': 'espèces',
  'payment.cheque': 'chèque',
  'payment.card': 'carte bancaire',
  'payment.transfer': 'virement',
  'payment.other': 'autre',

  'column.date': 'Date',
  'column.cabinet': 'Cabinet',
  'column.kind': 'Nature',
  'column.category': 'Catégorie',
  'column.label': 'Libellé',
  'column.patient': 'Patient',
  'column.paymentMethod': 'Mode de règlement',
  'column.income': 'Recette',
  'column.expense': 'Dépense',
  'column.consultation': 'Consultation',
  'column.counterparty': 'Contrepartie',
  'column.entry': 'Écriture',
  'column.period': 'Période',
  'column.year': 'Année',
  'column.substitute': 'Remplaçant',
  'column.consultations': 'Consultations',
  'column.fees': 'Honoraires',
  'column.retroceded': 'Rétrocédé',
  'figure.consultationReceipts': 'Recettes : consultations',
  'figure.retrocessionReceipts': 'Recettes : rétrocessions reçues',
  'figure.manualReceipts': 'Recettes : saisies manuelles',
  'figure.receipts': 'Recettes encaissées',
  'figure.retrocededFees': 'Honoraires rétrocédés',
  'figure.otherExpenses': 'Autres dépenses',
  'figure.net': 'Résultat',

  'scope.allCabinets': 'Tous les cabinets',
  'period.year': 'Année {year}',
  'title.lines': 'Livre-journal de {holder}',
  'title.totals': 'Totaux du livre-journal de {holder}',
  'title.retrocessions': 'Rétrocessions versées par {holder} (DAS2)',
  'title.yearly': 'Synthèse annuelle {year} de {holder} (2035 et DAS2)',
  'heading.yearlyFigures': 'Déclaration 2035 : recettes et dépenses',
  'heading.das2': 'DAS2 : rétrocessions par remplaçant',
  'heading.cabinet': 'Cabinet : {cabinet}',
  'heading.cabinets': 'Cabinets : {cabinets}',
  'heading.between': 'Du {from} au {to}',
  'heading.since': 'À partir du {from}',
  'heading.until': 'Jusqu’au {to}',
  'heading.everyDate': 'Toutes dates',
  'heading.printed': 'Imprimé le {date}',
  'empty.lines': 'Aucune écriture sur cette période.',
  'empty.retrocessions': 'Aucune rétrocession sur ces années.',
  'page.number': 'Page {page} / {count}',
} as const;

export type CatalogKey = keyof typeof fr;

const en: Readonly<Record<CatalogKey, string>> = {
  'label.fee': 'Consultation — {patient}',
  'label.retrocessionPaid': 'Retrocession paid — {patient}',
  'label.retrocessionReceived': 'Retrocession received — {patient}',
  'label.reversal': 'Reversal — {cancelled}',

  'kind.income': 'Income',
  'kind.expense': 'Expense',
  'category.consultation': 'Consultation',
  'category.retrocession': 'Retrocession',
  'category.manual': 'Manual entry',
  'category.correction': 'Correction',
  'payment.cash': 'cash',
  'payment.cheque': 'cheque',
  'payment.card': 'card',
  'payment.transfer': 'transfer',
  'payment.other': 'other',

  'column.date': 'Date',
  'column.cabinet': 'Practice',
  'column.kind': 'Kind',
  'column.category': 'Category',
  'column.label': 'Label',
  'column.patient': 'Patient',
  'column.paymentMethod': 'Payment method',
  'column.income': 'Income',
  'column.expense': 'Expense',
  'column.consultation': 'Consultation',
  'column.counterparty': 'Counterparty',
  'column.entry': 'Entry',
  'column.period': 'Period',
  'column.year': 'Year',
  'column.substitute': 'Substitute',
  'column.consultations': 'Consultations',
  'column.fees': 'Fees',
  'column.retroceded': 'Retroceded',
  'figure.consultationReceipts': 'Receipts: consultations',
  'figure.retrocessionReceipts': 'Receipts: retrocessions received',
  'figure.manualReceipts': 'Receipts: manual entries',
  'figure.receipts': 'Receipts',
  'figure.retrocededFees': 'Retroceded fees',
  'figure.otherExpenses': 'Other expenses',
  'figure.net': 'Net',

  'scope.allCabinets': 'All practices',
  'period.year': 'Year {year}',
  'title.lines': 'Ledger of {holder}',
  'title.totals': 'Ledger totals of {holder}',
  'title.retrocessions': 'Retrocessions paid by {holder} (DAS2)',
  'title.yearly': 'Yearly summary {year} of {holder} (2035 and DAS2)',
  'heading.yearlyFigures': 'Form 2035: receipts and expenses',
  'heading.das2': 'DAS2: retrocessions per substitute',
  'heading.cabinet': 'Practice: {cabinet}',
  'heading.cabinets': 'Practices: {cabinets}',
  'heading.between': 'From {from} to {to}',
  'heading.since': 'From {from}',
  'heading.until': 'Up to {to}',
  'heading.everyDate': 'Every date',
  'heading.printed': 'Printed {date}',
  'empty.lines': 'No line in this period.',
  'empty.retrocessions': 'No retrocession in these years.',
  'page.number': 'Page {page} / {count}',
};

export const ledgerCatalogs: Readonly<Record<ReaderLanguage, Readonly<Record<CatalogKey, string>>>> = { fr, en };

export type Translate = (key: CatalogKey, values?: Readonly<Record<string, string | number>>) => string;

/** The catalog of one language, with `{name}` filled in from `values`. */
export function translatorFor(language: ReaderLanguage): Translate {
  const catalog = ledgerCatalogs[language];
  return (key, values = {}) => catalog[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : placeholder));
}
