import type { Locator, Page } from 'playwright-core';

/** The words the agenda shows, per language (web/src/i18n/locales/{fr,en}/agenda.json). */
const words = {
  fr: {
    title: 'Agenda',
    cabinet: 'Cabinet',
    legend: 'Praticiens du cabinet',
    previousWeek: 'Semaine précédente',
    nextWeek: 'Semaine suivante',
    previousDay: 'Jour précédent',
    nextDay: 'Jour suivant',
    today: "Aujourd'hui",
    showCancelled: 'Afficher les rendez-vous annulés',
    newAppointment: 'Nouveau rendez-vous',
    practitioner: 'Praticien',
    patientName: 'Nom du patient',
    date: 'Date',
    start: 'Début',
    end: 'Fin',
    reason: 'Motif (facultatif)',
    book: 'Prendre le rendez-vous',
    details: 'Rendez-vous',
    saveChanges: 'Enregistrer les modifications',
    cancelAppointment: 'Annuler le rendez-vous',
    confirmCancel: 'Oui, annuler le rendez-vous',
    close: 'Fermer',
  },
  en: {
    title: 'Diary',
    cabinet: 'Practice',
    legend: 'Practitioners of the practice',
    previousWeek: 'Previous week',
    nextWeek: 'Next week',
    previousDay: 'Previous day',
    nextDay: 'Next day',
    today: 'Today',
    showCancelled: 'Show cancelled appointments',
    newAppointment: 'New appointment',
    practitioner: 'Practitioner',
    patientName: "Patient's name",
    date: 'Date',
    start: 'Start',
    end: 'End',
    reason: 'Reason (optional)',
    book: 'Book the appointment',
    details: 'Appointment',
    saveChanges: 'Save the changes',
    cancelAppointment: 'Cancel the appointment',
    confirmCancel: 'Yes, cancel the appointment',
    close: 'Close',
  },
} as const;

export interface SlotToBook {
  /** YYYY-MM-DD, the cabinet's calendar day. */
  readonly day: string;
  /** HH:MM on the cabinet's wall clock. */
  readonly time: string;
  /** HH:MM; the form proposes 45 minutes after `time` unless given. */
  readonly end?: string;
  /** The practitioner's name as the legend shows it; the form's default (me, else the first) unless given. */
  readonly practitioner?: string;
  readonly patientName: string;
  readonly reason?: string;
}

/**
 * The agenda as a person uses it, by role and accessible name only. Booking goes through the
 * "Nouveau rendez-vous" button and its form (the same form a slot selected in the week opens),
 * which is also how a keyboard books. Each appointment in the week is a button named by its
 * text: "09:00 - 09:45 Hélène Durand Dr Claire Martin".
 */
export class AgendaPage {
  private readonly say: (typeof words)['fr' | 'en'];

  constructor(
    readonly page: Page,
    language: 'fr' | 'en' = 'fr',
  ) {
    this.say = words[language];
  }

  async open(): Promise<void> {
    await this.page.goto('/agenda');
    await this.page.getByRole('heading', { level: 1, name: this.say.title }).waitFor();
  }

  /** Shown only when the space has several cabinets whose agenda the person reads. */
  async chooseCabinet(name: string): Promise<void> {
    await this.page.getByRole('combobox', { name: this.say.cabinet, exact: true }).selectOption({ label: name });
  }

  /** The practitioners the legend names, in its order. */
  async practitioners(): Promise<string[]> {
    const items = this.page.getByRole('list', { name: this.say.legend }).getByRole('listitem');
    return (await items.allInnerTexts()).map((text) => text.trim());
  }

  /** The week (or the day, on a narrow screen) before or after the one shown, or the current one. */
  async previous(): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^(${this.say.previousWeek}|${this.say.previousDay})$`) }).click();
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^(${this.say.nextWeek}|${this.say.nextDay})$`) }).click();
  }

  async today(): Promise<void> {
    await this.page.getByRole('button', { name: this.say.today, exact: true }).click();
  }

  /** Fills the "Nouveau rendez-vous" form and sends it; the dialog stays open when the API refuses (see expectRefusal). */
  async bookSlot(slot: SlotToBook): Promise<void> {
    await this.page.getByRole('button', { name: this.say.newAppointment, exact: true }).click();
    const dialog = this.dialog(this.say.newAppointment);
    if (slot.practitioner) await dialog.getByRole('combobox', { name: this.say.practitioner }).selectOption({ label: slot.practitioner });
    await dialog.getByRole('textbox', { name: this.say.patientName }).fill(slot.patientName);
    await dialog.getByLabel(this.label(this.say.date)).fill(slot.day);
    await dialog.getByLabel(this.label(this.say.start)).fill(slot.time);
    await dialog.getByLabel(this.label(this.say.end)).fill(slot.end ?? plusMinutes(slot.time, 45));
    if (slot.reason) await dialog.getByRole('textbox', { name: this.say.reason }).fill(slot.reason);
    await dialog.getByRole('button', { name: this.say.book }).click();
  }

  /** bookSlot, then waits for the dialog to close and the appointment to show (after a move to its week if needed). */
  async book(slot: SlotToBook): Promise<void> {
    await this.bookSlot(slot);
    await this.dialog(this.say.newAppointment).waitFor({ state: 'detached' });
    await this.expectAppointment(slot.patientName);
  }

  /** The appointments of `patientName` in the days shown. */
  appointments(patientName: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`\\b${escapeRegExp(patientName)}\\b`) });
  }

  /** The first of them (the list is a read model: waiting on it waits until it shows). */
  appointment(patientName: string): Locator {
    return this.appointments(patientName).first();
  }

  async expectAppointment(patientName: string): Promise<void> {
    await this.appointment(patientName).waitFor();
  }

  async expectNoAppointment(patientName: string): Promise<void> {
    await this.appointment(patientName).waitFor({ state: 'detached' });
  }

  /** A refusal shown in words (in the open form, or as a notification after a drag), e.g. the double-booking message. */
  async expectRefusal(text: string): Promise<void> {
    await this.page.getByRole('alert').filter({ hasText: text }).first().waitFor();
  }

  /** The value a field of the open form holds (nothing typed is lost on a refusal). */
  async formValue(label: 'patientName' | 'date' | 'start' | 'end' | 'reason'): Promise<string> {
    const dialog = this.page.getByRole('dialog');
    return dialog.getByLabel(this.label(this.say[label])).inputValue();
  }

  /** Closes the open dialog without saving. */
  async closeDialog(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: this.say.close }).last().click();
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  /** Opens an appointment: its details, and for who may write, the change form. */
  async openAppointment(patientName: string): Promise<Locator> {
    await this.appointment(patientName).click();
    const dialog = this.dialog(this.say.details);
    await dialog.getByRole('heading', { name: patientName }).waitFor();
    return dialog;
  }

  /** Moves an appointment through its form (what a drag does, from the keyboard). */
  async moveAppointment(patientName: string, to: { day?: string; time: string; end: string }): Promise<void> {
    const dialog = await this.openAppointment(patientName);
    if (to.day) await dialog.getByLabel(this.label(this.say.date)).fill(to.day);
    await dialog.getByLabel(this.label(this.say.start)).fill(to.time);
    await dialog.getByLabel(this.label(this.say.end)).fill(to.end);
    await dialog.getByRole('button', { name: this.say.saveChanges }).click();
  }

  /** "Annuler le rendez-vous" on the first appointment of `patientName`, confirmed; waits until the week shows one fewer. */
  async cancelAppointment(patientName: string): Promise<void> {
    const shown = await this.appointments(patientName).count();
    const dialog = await this.openAppointment(patientName);
    await dialog.getByRole('button', { name: this.say.cancelAppointment }).click();
    await dialog.getByRole('button', { name: this.say.confirmCancel }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const deadline = Date.now() + 10_000; (await this.appointments(patientName).count()) >= shown; ) {
      if (Date.now() > deadline) throw new Error(`${patientName}'s appointment is still shown after its cancellation`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Whether the person is offered to book (owner, colleague, secretary: yes). */
  async canBook(): Promise<boolean> {
    return this.page.getByRole('button', { name: this.say.newAppointment, exact: true }).isVisible();
  }

  async showCancelled(show: boolean): Promise<void> {
    await this.page.getByRole('switch', { name: this.say.showCancelled }).setChecked(show);
  }

  /** A field's label as it reads, with the required mark after it ("Date *"). */
  private label(text: string): RegExp {
    return new RegExp(`^${escapeRegExp(text)}( \\*)?$`);
  }

  private dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }
}

function plusMinutes(time: string, minutes: number): string {
  const [hours, mins] = time.split(':').map(Number);
  const total = Math.min(hours * 60 + mins + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
