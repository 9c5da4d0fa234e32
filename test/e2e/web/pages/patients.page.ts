import type { Locator, Page } from 'playwright-core';

/** The words the patients screens show, per language (web/src/i18n/locales/{fr,en}/patients.json). */
const words = {
  fr: {
    title: 'Patients',
    cabinet: 'Cabinet',
    search: 'Rechercher un patient',
    newPatient: 'Nouveau patient',
    lastName: 'Nom',
    firstName: 'Prénom',
    birthDate: 'Date de naissance',
    phone: 'Téléphone',
    email: 'E-mail',
    medicalHistory: 'Antécédents',
    createRecord: 'Créer le dossier',
    editRecord: 'Modifier le dossier',
    save: 'Enregistrer',
    deleteRecord: 'Supprimer le dossier',
    consultations: 'Consultations',
    newConsultation: 'Nouvelle consultation',
    date: 'Date',
    reason: 'Motif de consultation',
    notes: 'Notes',
    openConsultation: 'Ouvrir la consultation',
    complete: 'Clôturer et encaisser',
    fee: 'Honoraires (€)',
    paymentMethod: 'Mode de paiement',
    completeSubmit: 'Clôturer la consultation',
    correctFee: 'Corriger les honoraires',
    reminders: 'Rappels de rendez-vous',
    changeReminders: 'Modifier',
    reminderByEmail: 'Par e-mail',
    reminderBySms: 'Par SMS',
    consentDate: "Date de l'accord",
    correctSubmit: 'Enregistrer la correction',
    deleteConsultation: 'Supprimer',
    deleteConsultationConfirm: 'Supprimer la consultation',
    accessLog: 'Qui a consulté ce dossier',
    close: 'Fermer',
    completed: 'Clôturée',
    payment: { cash: 'Espèces', cheque: 'Chèque', card: 'Carte bancaire', transfer: 'Virement', other: 'Autre' },
  },
  en: {
    title: 'Patients',
    cabinet: 'Practice',
    search: 'Search patients',
    newPatient: 'New patient',
    lastName: 'Family name',
    firstName: 'First name',
    birthDate: 'Date of birth',
    phone: 'Phone',
    email: 'Email',
    medicalHistory: 'Medical history',
    createRecord: 'Create record',
    editRecord: 'Edit record',
    save: 'Save',
    deleteRecord: 'Delete record',
    consultations: 'Consultations',
    newConsultation: 'New consultation',
    date: 'Date',
    reason: 'Reason for the visit',
    notes: 'Notes',
    openConsultation: 'Open consultation',
    complete: 'Complete and charge',
    fee: 'Fee (€)',
    paymentMethod: 'Payment method',
    completeSubmit: 'Complete consultation',
    correctFee: 'Correct the fee',
    reminders: 'Appointment reminders',
    changeReminders: 'Change',
    reminderByEmail: 'By e-mail',
    reminderBySms: 'By text message',
    consentDate: 'Date of agreement',
    correctSubmit: 'Save correction',
    deleteConsultation: 'Delete',
    deleteConsultationConfirm: 'Delete consultation',
    accessLog: 'Who opened this record',
    close: 'Close',
    completed: 'Completed',
    payment: { cash: 'Cash', cheque: 'Cheque', card: 'Card', transfer: 'Bank transfer', other: 'Other' },
  },
} as const;

export type PaymentMethod = keyof (typeof words)['fr']['payment'];

export interface NewPatient {
  readonly firstName: string;
  readonly lastName: string;
  /** YYYY-MM-DD, as a date input takes it */
  readonly birthDate: string;
  readonly phone?: string;
  readonly email?: string;
  readonly medicalHistory?: string;
}

/** "DURAND Hélène": how the list and the record name a patient. */
export function listedName(patient: { readonly firstName: string; readonly lastName: string }): string {
  return `${patient.lastName.toLocaleUpperCase('fr-FR')} ${patient.firstName}`;
}

/**
 * The patients area as a person uses it: by role and accessible name only. The list and the
 * record are at `/patients` and `/patients/:id`; a consultation is an article named by its
 * heading ("04/12/2026 — Lombalgie").
 */
export class PatientsPage {
  private readonly say: (typeof words)['fr' | 'en'];

  constructor(
    readonly page: Page,
    language: 'fr' | 'en' = 'fr',
  ) {
    this.say = words[language];
  }

  async open(): Promise<void> {
    await this.page.goto('/patients');
    await this.page.getByRole('heading', { level: 1, name: this.say.title }).waitFor();
  }

  /** Shown only when the person reads the patients of several cabinets of the space. */
  async chooseCabinet(name: string): Promise<void> {
    await this.page.getByRole('combobox', { name: this.say.cabinet }).click();
    await this.page.getByRole('option', { name }).click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: this.say.search }).fill(text);
  }

  /** The names the list shows now (table on a desk, list on a phone), in order. */
  async listedPatients(): Promise<string[]> {
    const links = this.page.getByRole('main').getByRole('link').filter({ hasNotText: '←' });
    return (await links.allInnerTexts()).map((text) => text.trim()).filter((text) => text.length > 0);
  }

  /** Waits until the list shows `name` (the list is a read model that catches up within a second). */
  async expectListed(name: string): Promise<void> {
    await this.patientLink(name).waitFor();
  }

  async expectNotListed(name: string): Promise<void> {
    await this.patientLink(name).waitFor({ state: 'detached' });
  }

  /** Fills the "Nouveau patient" form and sends it; ends on the new record. */
  async createPatient(patient: NewPatient): Promise<void> {
    await this.page.getByRole('button', { name: this.say.newPatient }).click();
    const dialog = this.dialog(this.say.newPatient);
    await dialog.getByRole('textbox', { name: this.say.lastName, exact: true }).fill(patient.lastName);
    await dialog.getByRole('textbox', { name: this.say.firstName }).fill(patient.firstName);
    await dialog.getByLabel(this.say.birthDate).fill(patient.birthDate);
    if (patient.phone) await dialog.getByRole('textbox', { name: this.say.phone }).fill(patient.phone);
    if (patient.email) await dialog.getByRole('textbox', { name: this.say.email }).fill(patient.email);
    if (patient.medicalHistory) await dialog.getByRole('textbox', { name: this.say.medicalHistory }).fill(patient.medicalHistory);
    await dialog.getByRole('button', { name: this.say.createRecord }).click();
    await this.recordHeading(listedName(patient)).waitFor();
  }

  /** From the list: searches the name and opens the record ("DURAND Hélène"). */
  async openPatient(name: string): Promise<void> {
    if (!(await this.page.getByRole('searchbox', { name: this.say.search }).isVisible())) await this.open();
    await this.search(name);
    await this.patientLink(name).click();
    await this.recordHeading(name).waitFor();
  }

  /** Changes fields of the open record, by their labels' words (`{ phone: '…' }`). */
  async editPatient(changes: Partial<NewPatient>): Promise<void> {
    await this.page.getByRole('button', { name: this.say.editRecord }).click();
    const dialog = this.page.getByRole('dialog');
    const labels: Record<keyof NewPatient, string> = {
      lastName: this.say.lastName,
      firstName: this.say.firstName,
      birthDate: this.say.birthDate,
      phone: this.say.phone,
      email: this.say.email,
      medicalHistory: this.say.medicalHistory,
    };
    for (const [field, value] of Object.entries(changes) as [keyof NewPatient, string][]) {
      await dialog.getByLabel(labels[field], { exact: true }).fill(value);
    }
    await dialog.getByRole('button', { name: this.say.save }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** On a record: the reminders the patient agreed to, as the section reads them. */
  reminderSection(): Locator {
    return this.page.getByRole('region', { name: this.say.reminders });
  }

  /** On a record: opens the reminder preferences and ticks the channels given, with the consent date; the dialog, for a look before saving. */
  async fillReminderPreferences({ email = false, sms = false, consentDate }: { email?: boolean; sms?: boolean; consentDate: string }): Promise<Locator> {
    await this.reminderSection().getByRole('button', { name: this.say.changeReminders, exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: this.say.reminderByEmail }).setChecked(email);
    await dialog.getByRole('checkbox', { name: this.say.reminderBySms }).setChecked(sms);
    await dialog.getByLabel(this.say.consentDate).fill(consentDate);
    return dialog;
  }

  async saveReminderPreferences(dialog: Locator): Promise<void> {
    await dialog.getByRole('button', { name: this.say.save }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Opens a consultation on the record on screen (date: today unless given); waits until it is listed. */
  async openConsultation({ reason, notes, date }: { reason: string; notes?: string; date?: string }): Promise<void> {
    await this.page.getByRole('button', { name: this.say.newConsultation }).click();
    const dialog = this.dialog(this.say.newConsultation);
    if (date) await dialog.getByLabel(this.say.date, { exact: true }).fill(date);
    await dialog.getByRole('textbox', { name: this.say.reason }).fill(reason);
    if (notes) await dialog.getByRole('textbox', { name: this.say.notes }).fill(notes);
    await dialog.getByRole('button', { name: this.say.openConsultation }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.consultation(reason).waitFor();
  }

  /** The consultation whose heading names `reason` (the newest if several). */
  consultation(reason: string): Locator {
    return this.page.getByRole('article', { name: new RegExp(`— ${escapeRegExp(reason)}$`) }).first();
  }

  /** Completes the consultation (its practitioner only): fee in euros as typed, payment method. */
  async completeConsultation({ reason, feeEuros, paymentMethod }: { reason?: string; feeEuros: string; paymentMethod: PaymentMethod }): Promise<void> {
    const consultation = reason ? this.consultation(reason) : this.page.getByRole('article').first();
    await consultation.getByRole('button', { name: this.say.complete }).click();
    await this.fillFee(feeEuros, paymentMethod, this.say.completeSubmit);
    await consultation.getByText(this.say.completed, { exact: true }).waitFor();
  }

  /** The owner corrects a completed consultation's fee. */
  async correctFee({ reason, feeEuros, paymentMethod }: { reason: string; feeEuros: string; paymentMethod: PaymentMethod }): Promise<void> {
    await this.consultation(reason).getByRole('button', { name: this.say.correctFee }).click();
    await this.fillFee(feeEuros, paymentMethod, this.say.correctSubmit);
  }

  /** The owner deletes a consultation, confirming in the dialog. */
  async deleteConsultation(reason: string): Promise<void> {
    await this.consultation(reason).getByRole('button', { name: this.say.deleteConsultation, exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: this.say.deleteConsultationConfirm }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Whether the consultation offers to be completed (its practitioner, while open). */
  async canComplete(reason: string): Promise<boolean> {
    return (await this.consultation(reason).getByRole('button', { name: this.say.complete }).count()) > 0;
  }

  /** Colleagues and substitutes: the record shows no delete button. */
  async expectNoDeleteButton(): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name: this.say.consultations }).waitFor();
    const count = await this.page.getByRole('button', { name: this.say.deleteRecord }).count();
    if (count !== 0) throw new Error(`Expected no "${this.say.deleteRecord}" button, found ${count}`);
  }

  /** The owner deletes the open record; the dialog names the patient. Ends on the list, without them. */
  async deletePatient(): Promise<void> {
    const name = (await this.page.getByRole('heading', { level: 1 }).innerText()).trim();
    await this.page.getByRole('button', { name: this.say.deleteRecord }).click();
    const dialog = this.page.getByRole('dialog', { name: new RegExp(escapeRegExp(name)) });
    await dialog.getByRole('button', { name: this.say.deleteRecord }).click();
    await this.page.getByRole('heading', { level: 1, name: this.say.title }).waitFor();
    await this.expectNotListed(name);
  }

  /** The owner's "Qui a consulté ce dossier": the rows (date and time, who, role, part opened). */
  async openAccessLog(): Promise<string[][]> {
    await this.page.getByRole('button', { name: this.say.accessLog }).click();
    const dialog = this.page.getByRole('dialog');
    const table = dialog.getByRole('table');
    await table.waitFor();
    const rows = table.getByRole('row');
    const result: string[][] = [];
    for (let index = 1; index < (await rows.count()); index++) {
      result.push((await rows.nth(index).getByRole('cell').allInnerTexts()).map((text) => text.trim()));
    }
    return result;
  }

  async closeDialog(): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: this.say.close }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  private async fillFee(feeEuros: string, paymentMethod: PaymentMethod, submit: string): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: this.say.fee }).fill(feeEuros);
    await dialog.getByRole('radio', { name: this.say.payment[paymentMethod] }).check();
    await dialog.getByRole('button', { name: submit }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  private dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  private patientLink(name: string): Locator {
    return this.page.getByRole('main').getByRole('link', { name, exact: true });
  }

  private recordHeading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
