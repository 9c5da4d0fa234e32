import type { Page } from 'playwright-core';

/** The words the session screens show, per language (the catalogs' own words). */
const words = {
  fr: {
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    logIn: 'Se connecter',
    createAccount: 'Créer un compte',
    displayName: 'Nom affiché',
    newPassword: 'Nouveau mot de passe',
    currentPassword: 'Mot de passe actuel',
    confirmation: 'Confirmez le nouveau mot de passe',
    register: 'Créer mon compte',
    changePassword: 'Changer le mot de passe',
    chooseYourPassword: 'Choisissez votre mot de passe',
    howToAppear: 'Comment souhaitez-vous apparaître ?',
    continue: 'Continuer',
    mainMenu: 'Menu principal',
    logOut: 'Se déconnecter',
    myAccount: 'Mon compte',
    workspace: 'Espace de travail',
    changeMyName: 'Changer mon nom',
    myName: 'Mon nom',
    save: 'Enregistrer',
    nameSaved: 'Nom enregistré.',
    nameSeparator: ' : ',
  },
  en: {
    email: 'E-mail address',
    password: 'Password',
    logIn: 'Log in',
    createAccount: 'Create an account',
    displayName: 'Display name',
    newPassword: 'New password',
    currentPassword: 'Current password',
    confirmation: 'Confirm the new password',
    register: 'Create my account',
    changePassword: 'Change password',
    chooseYourPassword: 'Choose your password',
    howToAppear: 'How would you like to appear?',
    continue: 'Continue',
    mainMenu: 'Main menu',
    logOut: 'Log out',
    myAccount: 'My account',
    workspace: 'Workspace',
    changeMyName: 'Change my name',
    myName: 'My name',
    save: 'Save',
    nameSaved: 'Name saved.',
    nameSeparator: ': ',
  },
} as const;

/** Signing up, in and out, the forced password change, the menu and the space switcher. */
export class SessionPage {
  private readonly say: (typeof words)['fr' | 'en'];

  constructor(
    readonly page: Page,
    language: 'fr' | 'en' = 'fr',
  ) {
    this.say = words[language];
  }

  async register(displayName: string, email: string, password: string): Promise<void> {
    await this.page.goto('/inscription');
    await this.field(this.say.displayName).fill(displayName);
    await this.field(this.say.email).fill(email);
    await this.field(this.say.newPassword).fill(password);
    await this.page.getByRole('button', { name: this.say.register }).click();
    await this.menu().waitFor();
  }

  async logIn(email: string, password: string): Promise<void> {
    await this.page.goto('/connexion');
    await this.field(this.say.email).fill(email);
    await this.page.getByRole('textbox', { name: this.say.password, exact: true }).fill(password);
    await this.page.getByRole('button', { name: this.say.logIn }).click();
  }

  /** After a temporary password: the forced change comes first, then the choice of a name. */
  async changeForcedPassword(temporaryPassword: string, newPassword: string): Promise<void> {
    await this.page.getByRole('heading', { name: this.say.chooseYourPassword }).waitFor();
    await this.field(this.say.currentPassword).fill(temporaryPassword);
    await this.field(this.say.newPassword).fill(newPassword);
    await this.field(this.say.confirmation).fill(newPassword);
    await this.page.getByRole('button', { name: this.say.changePassword }).click();
    await this.displayNameStep().waitFor();
  }

  /** A provisioned account's first login asks how its holder appears to others. */
  displayNameStep() {
    return this.page.getByRole('heading', { name: this.say.howToAppear });
  }

  /** Names the person at that step; then they are in. */
  async chooseDisplayName(displayName: string): Promise<void> {
    await this.displayNameStep().waitFor();
    await this.field(this.say.displayName).fill(displayName);
    await this.page.getByRole('button', { name: this.say.continue }).click();
    await this.menu().waitFor();
  }

  /** A text or password field by its label (Mantine adds " *" to required ones: exact names, as a screen reader reads them). */
  private field(label: string) {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  menu() {
    return this.page.getByRole('navigation', { name: this.say.mainMenu });
  }

  /** The areas the menu offers, in order. */
  async menuAreas(): Promise<string[]> {
    await this.menu().getByRole('link').first().waitFor();
    return (await this.menu().getByRole('link').allInnerTexts()).map((text) => text.trim());
  }

  async goTo(area: string): Promise<void> {
    await this.menu().getByRole('link', { name: area, exact: true }).click();
  }

  /** "Cabinet de Dr Martin — remplaçant": chooses a space when the person works in several. */
  async switchSpace(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: this.say.workspace }).click();
    await this.page.getByRole('option', { name: label }).click();
  }

  /** Mon compte → Changer mon nom: the name field, holding the name in use. */
  async openMyName(): Promise<string> {
    await this.page.getByRole('button', { name: new RegExp(this.say.myAccount) }).click();
    await this.page.getByRole('menuitem', { name: this.say.changeMyName }).click();
    await this.page.getByRole('heading', { name: this.say.myName, level: 1 }).waitFor();
    return this.field(this.say.displayName).inputValue();
  }

  /** On that screen: a new name, saved; the account menu says it at once. */
  async changeMyName(displayName: string): Promise<void> {
    await this.field(this.say.displayName).fill(displayName);
    await this.page.getByRole('button', { name: this.say.save }).click();
    await this.page.getByText(this.say.nameSaved).first().waitFor();
    await this.page.getByRole('button', { name: `${this.say.myAccount}${this.say.nameSeparator}${displayName}`, exact: true }).waitFor();
  }

  async logOut(): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(this.say.myAccount) }).click();
    await this.page.getByRole('menuitem', { name: this.say.logOut }).click();
    await this.page.getByRole('button', { name: this.say.logIn }).waitFor();
  }
}
