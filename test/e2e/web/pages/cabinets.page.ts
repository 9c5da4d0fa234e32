import type { Locator, Page } from 'playwright-core';

/** The words the cabinets area shows, per language (web/src/i18n/locales/{fr,en}/cabinets.json). */
const words = {
  fr: {
    title: 'Cabinets',
    openCabinet: 'Ouvrir un cabinet',
    name: 'Nom du cabinet',
    address: 'Adresse',
    timeZone: 'Fuseau horaire',
    submitCabinet: 'Ouvrir le cabinet',
    save: 'Enregistrer',
    editFor: (name: string) => `Modifier le cabinet ${name}`,
    closeFor: (name: string) => `Fermer le cabinet ${name}`,
    confirmClose: 'Fermer le cabinet',
    colleagues: 'Confrères',
    colleagueColumn: 'Confrère',
    colleagueEmail: 'Adresse e-mail du confrère',
    invite: 'Inviter',
    acceptFor: (cabinet: string) => `Accepter l'invitation au cabinet ${cabinet}`,
    removeFor: (name: string) => `Retirer ${name} du cabinet`,
    confirmRemove: 'Retirer',
    status: { invited: 'invité', active: 'actif' },
    reminders: 'Rappels de rendez-vous',
    editReminders: 'Modifier les rappels',
    reminderDelay: 'Délai du rappel',
    reminderAddress: 'Adresse indiquée dans les rappels',
    reminderPhone: 'Téléphone pour annuler',
  },
  en: {
    title: 'Practices',
    openCabinet: 'Open a practice',
    name: 'Practice name',
    address: 'Address',
    timeZone: 'Time zone',
    submitCabinet: 'Open the practice',
    save: 'Save',
    editFor: (name: string) => `Edit the practice ${name}`,
    closeFor: (name: string) => `Close the practice ${name}`,
    confirmClose: 'Close the practice',
    colleagues: 'Colleagues',
    colleagueColumn: 'Colleague',
    colleagueEmail: "Colleague's e-mail address",
    invite: 'Invite',
    acceptFor: (cabinet: string) => `Accept the invitation to the practice ${cabinet}`,
    removeFor: (name: string) => `Remove ${name} from the practice`,
    confirmRemove: 'Remove',
    status: { invited: 'invited', active: 'active' },
    reminders: 'Appointment reminders',
    editReminders: 'Change the reminders',
    reminderDelay: 'Reminder delay',
    reminderAddress: 'Address given in reminders',
    reminderPhone: 'Phone number to cancel',
  },
} as const;

/** Lists catch up within a second of a write; the screens say so and poll, so waits stay short. */
const CATCH_UP_MS = 10_000;

/**
 * The cabinets area (`/cabinets`): my cabinets, the invitations I received, and a cabinet's
 * page with its colleagues. Everything is found by role and accessible name.
 */
export class CabinetsPage {
  private readonly say: (typeof words)['fr' | 'en'];

  constructor(
    readonly page: Page,
    language: 'fr' | 'en' = 'fr',
  ) {
    this.say = words[language];
  }

  async open(): Promise<void> {
    await this.page.goto('/cabinets');
    await this.page.getByRole('heading', { level: 1, name: this.say.title }).waitFor();
  }

  /** The cabinets table, once loaded. */
  cabinetsTable(): Locator {
    return this.page.getByRole('table').filter({ has: this.page.getByRole('columnheader', { name: this.say.timeZone }) });
  }

  /** Opens a cabinet from the list page; waits until the list shows it. `timeZone` as its IANA name (Europe/Paris when not given). */
  async createCabinet({ name, address, timeZone }: { name: string; address?: string; timeZone?: string }): Promise<void> {
    await this.page.getByRole('button', { name: this.say.openCabinet }).click();
    const dialog = this.page.getByRole('dialog', { name: this.say.openCabinet });
    await dialog.getByRole('textbox', { name: this.say.name }).fill(name);
    if (address) await dialog.getByRole('textbox', { name: this.say.address }).fill(address);
    if (timeZone) await this.chooseTimeZone(dialog, timeZone);
    await dialog.getByRole('button', { name: this.say.submitCabinet }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.getByRole('link', { name, exact: true }).waitFor({ timeout: CATCH_UP_MS });
  }

  /** Renames a cabinet and/or changes its time zone, from the list page. */
  async changeCabinet(name: string, change: { name?: string; timeZone?: string }): Promise<void> {
    await this.page.getByRole('button', { name: this.say.editFor(name), exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    if (change.name) await dialog.getByRole('textbox', { name: this.say.name }).fill(change.name);
    if (change.timeZone) await this.chooseTimeZone(dialog, change.timeZone);
    await dialog.getByRole('button', { name: this.say.save }).click();
    await dialog.waitFor({ state: 'detached' });
    if (change.name) await this.page.getByRole('link', { name: change.name, exact: true }).waitFor({ timeout: CATCH_UP_MS });
  }

  /** Closes a cabinet from the list page, confirming; waits until it leaves the list. */
  async closeCabinet(name: string): Promise<void> {
    await this.page.getByRole('button', { name: this.say.closeFor(name), exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: this.say.confirmClose, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.getByRole('link', { name, exact: true }).waitFor({ state: 'detached', timeout: CATCH_UP_MS });
  }

  /** From the list page to a cabinet's page. */
  async openCabinet(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  /** On a cabinet's page: how it reminds its patients, as the section reads them. */
  reminderSection(): Locator {
    return this.page.getByRole('region', { name: this.say.reminders });
  }

  /** On a cabinet's page: opens the reminder settings and fills what is given; the dialog, for a look before saving. */
  async fillReminderSettings({ delayHours, address, phone }: { delayHours?: number; address?: string; phone?: string }): Promise<Locator> {
    await this.reminderSection().getByRole('button', { name: this.say.editReminders }).click();
    const dialog = this.page.getByRole('dialog');
    if (delayHours !== undefined) await dialog.getByRole('textbox', { name: this.say.reminderDelay }).fill(String(delayHours));
    if (address !== undefined) await dialog.getByRole('textbox', { name: this.say.reminderAddress }).fill(address);
    if (phone !== undefined) await dialog.getByRole('textbox', { name: this.say.reminderPhone }).fill(phone);
    return dialog;
  }

  /** Saves the settings filled in `dialog`; waits until the section shows `expected` (the list is a read model that catches up). */
  async saveReminderSettings(dialog: Locator, expected: string): Promise<void> {
    await dialog.getByRole('button', { name: this.say.save }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.reminderSection().getByText(expected).waitFor({ timeout: CATCH_UP_MS });
  }

  /** On a cabinet's page: invites a colleague and waits until the colleagues table lists them as invited. */
  async inviteColleague(email: string): Promise<void> {
    await this.page.getByRole('textbox', { name: this.say.colleagueEmail }).fill(email);
    await this.page.getByRole('button', { name: this.say.invite, exact: true }).click();
    const row = this.colleagueRow(email);
    const refusal = this.page.getByRole('textbox', { name: this.say.colleagueEmail }).and(this.page.locator('[aria-invalid="true"]'));
    await Promise.race([row.waitFor({ timeout: CATCH_UP_MS }), refusal.waitFor({ timeout: CATCH_UP_MS })]);
    if (await refusal.isVisible()) throw new Error(`Invitation refused: ${await this.inviteRefusal()}`);
  }

  /** On a cabinet's page: invites, expecting a refusal (no main account for that address…); returns the message shown under the field. */
  async inviteColleagueRefused(email: string): Promise<string> {
    await this.page.getByRole('textbox', { name: this.say.colleagueEmail }).fill(email);
    await this.page.getByRole('button', { name: this.say.invite, exact: true }).click();
    await this.page.getByRole('textbox', { name: this.say.colleagueEmail }).and(this.page.locator('[aria-invalid="true"]')).waitFor({ timeout: CATCH_UP_MS });
    return this.inviteRefusal();
  }

  private async inviteRefusal(): Promise<string> {
    const field = this.page.getByRole('textbox', { name: this.say.colleagueEmail });
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const texts = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((id) => this.page.locator(`[id="${id}"]`).innerText()));
    return texts.join(' ').trim();
  }

  /** A colleague's row on a cabinet's page, by name or e-mail. */
  colleagueRow(nameOrEmail: string): Locator {
    return this.page
      .getByRole('table')
      .filter({ has: this.page.getByRole('columnheader', { name: this.say.colleagueColumn, exact: true }) })
      .getByRole('row')
      .filter({ hasText: nameOrEmail });
  }

  /** Waits until a colleague shows with this status ('invited' or 'active'). */
  async expectColleague(nameOrEmail: string, status: 'invited' | 'active'): Promise<void> {
    await this.colleagueRow(nameOrEmail).getByText(this.say.status[status], { exact: true }).waitFor({ timeout: CATCH_UP_MS });
  }

  /** On the list page, as the invitee: accepts the invitation to a cabinet; waits until the cabinet is in my list. */
  async acceptInvitation(cabinetName: string): Promise<void> {
    const accept = this.page.getByRole('button', { name: this.say.acceptFor(cabinetName), exact: true });
    await accept.click();
    await accept.waitFor({ state: 'detached', timeout: CATCH_UP_MS });
    await this.cabinetsTable().getByRole('link', { name: cabinetName, exact: true }).waitFor({ timeout: CATCH_UP_MS });
  }

  /** On a cabinet's page: removes a colleague sharing it (by their name as listed), confirming; waits until they leave the table. */
  async removeColleague(name: string): Promise<void> {
    await this.page.getByRole('button', { name: this.say.removeFor(name), exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: this.say.confirmRemove, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.colleagueRow(name).waitFor({ state: 'detached', timeout: CATCH_UP_MS });
  }

  private async chooseTimeZone(scope: Locator, timeZone: string): Promise<void> {
    const field = scope.getByRole('combobox', { name: this.say.timeZone });
    await field.click();
    await field.fill(timeZone);
    await this.page.getByRole('option', { name: new RegExp(`^${timeZone.replace(/_/g, ' ').replace(/[/+]/g, '\\$&')} \\(`) }).click();
  }
}
