import type { Download, Locator, Page } from 'playwright-core';

/** The words the ledger screen shows, per language (the catalogs' own words, web/src/i18n/locales/<lang>/ledger.json). */
const words = {
  fr: {
    title: 'Comptabilité',
    holder: 'Grand livre affiché',
    moreEntries: "Plus d'écritures",
    yearly: 'Synthèse annuelle',
    yearlyFigures: /^Recettes et dépenses de l'année/,
    report: 'Contenu',
    reports: { lines: 'Écritures', totals: 'Totaux', retrocessions: 'Rétrocessions (DAS2)' },
    cabinet: 'Cabinet',
    allCabinets: 'Tous les cabinets',
    period: 'Période',
    from: 'Du',
    to: 'Au',
    entriesTable: /écritures? du /,
    income: 'Recettes',
    expense: 'Dépenses',
    net: 'Solde',
    newEntry: 'Nouvelle écriture',
    kind: { income: 'Recette', expense: 'Dépense' },
    date: 'Date',
    label: 'Libellé',
    amount: 'Montant',
    paymentMethod: 'Mode de règlement',
    paymentMethods: { cash: 'Espèces', cheque: 'Chèque', card: 'Carte bancaire', transfer: 'Virement', other: 'Autre' },
    saveEntry: "Enregistrer l'écriture",
    waiting: 'Écriture enregistrée. Le grand livre se met à jour…',
    csv: 'Télécharger CSV',
    pdf: 'Télécharger PDF',
    readOnly: 'Consultation en lecture seule',
    retrocessions: 'Récapitulatif des rétrocessions (DAS2)',
    year: 'Année',
    retrocessionTable: /^Rétrocessions de l'année/,
  },
  en: {
    title: 'Accounts',
    holder: 'Ledger shown',
    moreEntries: 'More entries',
    yearly: 'Yearly summary',
    yearlyFigures: /^Receipts and expenses of/,
    report: 'Contents',
    reports: { lines: 'Entries', totals: 'Totals', retrocessions: 'Retrocessions (DAS2)' },
    cabinet: 'Practice',
    allCabinets: 'All practices',
    period: 'Period',
    from: 'From',
    to: 'To',
    entriesTable: /entr(y|ies) from /,
    income: 'Income',
    expense: 'Expenses',
    net: 'Balance',
    newEntry: 'New entry',
    kind: { income: 'Income', expense: 'Expense' },
    date: 'Date',
    label: 'Description',
    amount: 'Amount',
    paymentMethod: 'Payment method',
    paymentMethods: { cash: 'Cash', cheque: 'Cheque', card: 'Card', transfer: 'Bank transfer', other: 'Other' },
    saveEntry: 'Save the entry',
    waiting: 'Entry saved. The ledger is updating…',
    csv: 'Download CSV',
    pdf: 'Download PDF',
    readOnly: 'Read-only access',
    retrocessions: 'Retrocession summary (DAS2)',
    year: 'Year',
    retrocessionTable: /^Retrocessions of /,
  },
} as const;

type Words = (typeof words)['fr' | 'en'];

export type PeriodPresetLabel = 'Ce mois-ci' | 'Mois dernier' | 'Ce trimestre' | 'Trimestre dernier' | 'Cette année' | 'Année dernière' | (string & {});

export interface NewLedgerEntry {
  readonly kind: 'income' | 'expense';
  /** The cabinet's name; may be left out when the person practises in one cabinet only. */
  readonly cabinet?: string;
  /** `2026-12-04` or `04/12/2026`; today when left out. */
  readonly date?: string;
  readonly label: string;
  /** As a person types it: `45`, `129,90`. */
  readonly amount: string;
  readonly paymentMethod: 'cash' | 'cheque' | 'card' | 'transfer' | 'other';
}

/** Money as shown ("1 234,56 €"): any kind of space (the formats use narrow no-break spaces) matches any other. */
function moneyPattern(text: string): RegExp {
  const words = text
    .trim()
    .split(/[\s\u00a0\u202f]+/)
    .map(escapeRegExp)
    .join('[\\s\\u00a0\\u202f]*');
  return new RegExp(`^${words}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** `2026-12-04` → `04/12/2026`, as the date fields take it; a day already written so is left as it is. */
function typedDay(day: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : day;
}

/**
 * The ledger ("Comptabilité"): whose ledger, filters, lines and totals, manual lines, downloads,
 * the DAS2 summary. Finds everything by role and accessible name, as a person would.
 */
export class LedgerPage {
  private readonly say: Words;

  constructor(
    readonly page: Page,
    language: 'fr' | 'en' = 'fr',
  ) {
    this.say = words[language];
  }

  async open(): Promise<void> {
    await this.page.goto('/comptabilite');
    await this.heading().waitFor();
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.say.title });
  }

  /** When the person reads several ledgers here (their own and an owner's as accountant). */
  async chooseHolder(name: string): Promise<void> {
    const choice = this.page.getByRole('radiogroup', { name: this.say.holder }).getByRole('radio', { name: new RegExp(escapeRegExp(name)) });
    // The choice goes through the address (?holder=): the radio shows checked once the page has followed it.
    await choice.click();
    const deadline = Date.now() + 10_000;
    while (!(await choice.isChecked())) {
      if (Date.now() > deadline) throw new Error(`the ledger of ${name} was not chosen`);
      await this.page.waitForTimeout(100);
    }
  }

  /** A preset by its label ("Ce trimestre"), or chosen days (`2026-11-01` or `01/11/2026`). */
  async choosePeriod(period: PeriodPresetLabel | { readonly from: string; readonly to: string }): Promise<void> {
    if (typeof period === 'string') {
      await this.page.getByRole('combobox', { name: this.say.period }).selectOption({ label: period });
      return;
    }
    for (const [field, day] of [
      [this.say.from, period.from],
      [this.say.to, period.to],
    ] as const) {
      const input = this.page.getByRole('textbox', { name: field, exact: true });
      await input.fill(typedDay(day));
      await input.press('Tab');
    }
  }

  /** A cabinet by its name, or every cabinet with `null`. */
  async chooseCabinet(name: string | null): Promise<void> {
    await this.page.getByRole('combobox', { name: this.say.cabinet, exact: true }).selectOption({ label: name ?? this.say.allCabinets });
  }

  entriesTable(): Locator {
    return this.page.getByRole('table', { name: this.say.entriesTable });
  }

  /** Long listings come 50 lines a page: "Plus d'écritures" reads the next 50, below those shown. */
  async moreEntries(): Promise<void> {
    await this.page.getByRole('button', { name: this.say.moreEntries }).click();
  }

  /** "Synthèse annuelle": the year's 2035 figures and DAS2; resolves once its figures table shows. */
  async openYearlySummary(): Promise<Locator> {
    await this.page.getByRole('link', { name: this.say.yearly }).click();
    const figures = this.page.getByRole('table', { name: this.say.yearlyFigures });
    await figures.waitFor();
    return figures;
  }

  /** Waits for a line of the page shown with this text (its label or its patient) and this amount ("1 234,56 €"). */
  async expectLine(line: { readonly text: string; readonly amount: string }): Promise<Locator> {
    const row = this.entriesTable()
      .getByRole('row', { name: new RegExp(escapeRegExp(line.text)) })
      .filter({ has: this.page.getByRole('cell', { name: moneyPattern(line.amount) }) })
      .first();
    await row.waitFor();
    return row;
  }

  /** Waits until "Recettes", "Dépenses" and "Solde" show these amounts (those given). */
  async expectTotals(totals: { readonly income?: string; readonly expense?: string; readonly net?: string }, timeoutMs = 10_000): Promise<void> {
    const expected: [string, string][] = [];
    if (totals.income !== undefined) expected.push([this.say.income, totals.income]);
    if (totals.expense !== undefined) expected.push([this.say.expense, totals.expense]);
    if (totals.net !== undefined) expected.push([this.say.net, totals.net]);
    const deadline = Date.now() + timeoutMs;
    for (const [name, amount] of expected) {
      const group = this.page.getByRole('group', { name, exact: true });
      for (;;) {
        const shown = normalise(await group.innerText());
        if (shown.includes(normalise(amount))) break;
        if (Date.now() > deadline) throw new Error(`${name}: expected ${amount}, the screen shows "${shown}"`);
        await this.page.waitForTimeout(200);
      }
    }
  }

  /** "Nouvelle écriture", filled and saved; resolves once the page no longer says it is updating. */
  async addEntry(entry: NewLedgerEntry): Promise<void> {
    await this.page.getByRole('button', { name: this.say.newEntry }).click();
    const dialog = this.page.getByRole('dialog', { name: this.say.newEntry });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: this.say.kind[entry.kind], exact: true }).check();
    if (entry.cabinet !== undefined) await dialog.getByRole('combobox', { name: this.say.cabinet }).selectOption({ label: entry.cabinet });
    if (entry.date !== undefined) {
      const date = dialog.getByRole('textbox', { name: this.say.date });
      await date.fill(typedDay(entry.date));
      await date.press('Tab');
    }
    await dialog.getByRole('textbox', { name: this.say.label }).fill(entry.label);
    await dialog.getByRole('textbox', { name: this.say.amount }).fill(entry.amount);
    await dialog.getByRole('combobox', { name: this.say.paymentMethod }).selectOption({ label: this.say.paymentMethods[entry.paymentMethod] });
    await dialog.getByRole('button', { name: this.say.saveEntry }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.page.getByRole('status').filter({ hasText: this.say.waiting }).waitFor({ state: 'hidden' });
  }

  /** The dialog of a new entry, for checking its messages (it stays open on a refusal). */
  newEntryDialog(): Locator {
    return this.page.getByRole('dialog', { name: this.say.newEntry });
  }

  /** The CSV of the lines, or of the totals or the retrocessions ("Contenu"). */
  async downloadCsv(report: 'lines' | 'totals' | 'retrocessions' = 'lines'): Promise<Download> {
    await this.chooseReport(report);
    return this.download(this.say.csv);
  }

  async downloadPdf(report: 'lines' | 'totals' | 'retrocessions' = 'lines'): Promise<Download> {
    await this.chooseReport(report);
    return this.download(this.say.pdf);
  }

  private async chooseReport(report: 'lines' | 'totals' | 'retrocessions'): Promise<void> {
    const choice = this.page.getByRole('combobox', { name: this.say.report });
    // The yearly summary has no choice of contents: one file per format.
    if ((await choice.count()) > 0) await choice.selectOption({ label: this.say.reports[report] });
  }

  private async download(button: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: button }).click()]);
    return download;
  }

  /** Read-only: the notice is shown and no control writes (no "Nouvelle écriture"). */
  async expectReadOnly(): Promise<void> {
    await this.page.getByRole('note', { name: this.say.readOnly }).waitFor();
    const writers = await this.page.getByRole('button', { name: this.say.newEntry }).count();
    if (writers !== 0) throw new Error(`a read-only ledger shows ${writers} "${this.say.newEntry}" button(s)`);
  }

  /** The holder's own ledger: the write control is there. */
  async expectWritable(): Promise<void> {
    await this.page.getByRole('button', { name: this.say.newEntry }).waitFor();
  }

  /** "Récapitulatif des rétrocessions (DAS2)" for a year: waits for the substitute's row with these amounts. */
  async expectRetrocession(row: { readonly year?: number; readonly substitute: string; readonly retroceded: string }): Promise<Locator> {
    const section = this.page.getByRole('region', { name: this.say.retrocessions });
    if (row.year !== undefined) await section.getByRole('combobox', { name: this.say.year }).selectOption(String(row.year));
    const line = section
      .getByRole('table', { name: this.say.retrocessionTable })
      .getByRole('row', { name: new RegExp(escapeRegExp(row.substitute)) })
      .filter({ has: this.page.getByRole('cell', { name: moneyPattern(row.retroceded) }) });
    await line.waitFor();
    return line;
  }

  /** Whether the DAS2 section is shown (owners' ledgers only). */
  retrocessionSection(): Locator {
    return this.page.getByRole('region', { name: this.say.retrocessions });
  }
}
