import type { Locator, Page } from 'playwright-core';

type DelegatedRole = 'secretary' | 'substitute' | 'accountant';
type Standing = 'pending' | 'active' | 'ended' | 'revoked';

/** The words the "comptes spécifiques" page shows, per language (web/src/i18n/locales/{fr,en}/accounts.json). */
const words = {
  fr: {
    title: 'Comptes spécifiques',
    create: 'Créer un compte spécifique',
    submit: 'Créer le compte spécifique',
    email: 'Adresse e-mail',
    role: { secretary: 'Secrétaire', substitute: 'Remplaçant', accountant: 'Comptable' },
    retrocession: 'Rétrocession',
    endsOn: "Fin de l'accès (facultative)",
    save: 'Enregistrer',
    changeFor: /^Modifier l'accès de /,
    revokeFor: /^Révoquer l'accès de /,
    confirmRevoke: "Révoquer l'accès",
    eraseFor: /^Effacer le compte de /,
    confirmErase: 'Effacer définitivement',
    erased: 'Compte effacé',
    person: 'Personne',
    decimal: ',',
    status: { pending: 'en attente', active: 'actif', ended: 'terminé', revoked: 'révoqué' },
  },
  en: {
    title: 'Specific accounts',
    create: 'Create a specific account',
    submit: 'Create the specific account',
    email: 'E-mail address',
    role: { secretary: 'Secretary', substitute: 'Substitute', accountant: 'Accountant' },
    retrocession: 'Retrocession',
    endsOn: 'End of access (optional)',
    save: 'Save',
    changeFor: /^Edit the access of /,
    revokeFor: /^Revoke the access of /,
    confirmRevoke: 'Revoke access',
    eraseFor: /^Erase the account of /,
    confirmErase: 'Erase for good',
    erased: 'Erased account',
    person: 'Person',
    decimal: '.',
    status: { pending: 'pending', active: 'active', ended: 'ended', revoked: 'revoked' },
  },
} as const;

/** Lists catch up within a second of a write; the screen says so and polls, so waits stay short. */
const CATCH_UP_MS = 10_000;

export interface Grant {
  readonly email: string;
  readonly role: DelegatedRole;
  /** Cabinets by name, as the checkboxes show them. */
  readonly cabinets: readonly string[];
  /** Substitutes only: 0 to 100, two decimals at most. */
  readonly retrocessionPercent?: number;
  /** YYYY-MM-DD, the last day of access. */
  readonly endsOn?: string;
}

/** The "comptes spécifiques" page (`/comptes-specifiques`): the accounts I granted, and the grants I received. */
export class AccountsPage {
  private readonly say: (typeof words)['fr' | 'en'];

  constructor(
    readonly page: Page,
    language: 'fr' | 'en' = 'fr',
  ) {
    this.say = words[language];
  }

  async open(): Promise<void> {
    await this.page.goto('/comptes-specifiques');
    await this.page.getByRole('heading', { level: 1, name: this.say.title }).waitFor();
  }

  /** Creates a specific account and waits until the table lists it. */
  async grant({ email, role, cabinets, retrocessionPercent, endsOn }: Grant): Promise<void> {
    await this.page.getByRole('button', { name: this.say.create, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: this.say.create });
    await dialog.getByRole('textbox', { name: this.say.email }).fill(email);
    await dialog.getByRole('radio', { name: this.say.role[role], exact: true }).check();
    await this.tickCabinets(dialog, cabinets);
    if (retrocessionPercent !== undefined) await dialog.getByRole('textbox', { name: this.say.retrocession }).fill(this.percent(retrocessionPercent));
    if (endsOn) {
      const [year, month, day] = endsOn.split('-');
      const field = dialog.getByRole('textbox', { name: this.say.endsOn });
      await field.fill(`${day}/${month}/${year}`);
      await field.press('Escape');
    }
    await dialog.getByRole('button', { name: this.say.submit, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.row(email).waitFor({ timeout: CATCH_UP_MS });
  }

  /** The row of an account I granted, by the grantee's e-mail (the most recent grant first when there are several). */
  row(email: string): Locator {
    return this.grantedTable().getByRole('row').filter({ hasText: email }).first();
  }

  /** Waits until the account granted to `email` shows with this status. */
  async expectRow({ email, status }: { email: string; status: Standing }): Promise<void> {
    await this.grantedTable()
      .getByRole('row')
      .filter({ hasText: email })
      .filter({ has: this.page.getByText(this.say.status[status], { exact: true }) })
      .first()
      .waitFor({ timeout: CATCH_UP_MS });
  }

  /** Changes the cabinets (and a substitute's rate) of the account granted to `email`; waits until the row shows them. */
  async changeCabinets(email: string, cabinets: readonly string[], retrocessionPercent?: number): Promise<void> {
    await this.liveRow(email).getByRole('button', { name: this.say.changeFor }).click();
    const dialog = this.page.getByRole('dialog');
    await this.tickCabinets(dialog, cabinets, { only: true });
    if (retrocessionPercent !== undefined) await dialog.getByRole('textbox', { name: this.say.retrocession }).fill(this.percent(retrocessionPercent));
    await dialog.getByRole('button', { name: this.say.save, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    let row = this.grantedTable().getByRole('row').filter({ hasText: email });
    for (const cabinet of cabinets) row = row.filter({ hasText: cabinet });
    await row.first().waitFor({ timeout: CATCH_UP_MS });
  }

  /** Revokes the account granted to `email`, confirming; waits until its row says revoked. */
  async revoke(email: string): Promise<void> {
    await this.liveRow(email).getByRole('button', { name: this.say.revokeFor }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: this.say.confirmRevoke, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.expectRow({ email, status: 'revoked' });
  }

  /** The erase button on the row of the account granted to `email` (offered once no grant to it is in force). */
  eraseButton(email: string): Locator {
    return this.grantedTable().getByRole('row').filter({ hasText: email }).getByRole('button', { name: this.say.eraseFor });
  }

  /** Opens the confirmation of the erasure of the account granted to `email`; the dialog, not confirmed yet. */
  async askErasure(email: string): Promise<Locator> {
    await this.eraseButton(email).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: this.say.confirmErase, exact: true }).waitFor();
    return dialog;
  }

  /** Confirms the erasure asked with `askErasure`; waits until no row names `email` and one says the account was erased. */
  async confirmErasure(dialog: Locator, email: string): Promise<void> {
    await dialog.getByRole('button', { name: this.say.confirmErase, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.grantedTable().getByRole('row').filter({ hasText: this.say.erased }).first().waitFor({ timeout: CATCH_UP_MS });
    await this.grantedTable().getByRole('row').filter({ hasText: email }).first().waitFor({ state: 'detached', timeout: CATCH_UP_MS });
  }

  private grantedTable(): Locator {
    return this.page.getByRole('table').filter({ has: this.page.getByRole('columnheader', { name: this.say.person, exact: true }) });
  }

  /** The row of a grant still in force (it has a revoke button). */
  private liveRow(email: string): Locator {
    return this.grantedTable()
      .getByRole('row')
      .filter({ hasText: email })
      .filter({ has: this.page.getByRole('button', { name: this.say.revokeFor }) })
      .first();
  }

  private async tickCabinets(scope: Locator, cabinets: readonly string[], { only = false } = {}): Promise<void> {
    if (only) for (const box of await scope.getByRole('checkbox').all()) await box.uncheck();
    for (const cabinet of cabinets) await scope.getByRole('checkbox', { name: cabinet, exact: true }).check();
  }

  private percent(value: number): string {
    return String(value).replace('.', this.say.decimal);
  }
}
