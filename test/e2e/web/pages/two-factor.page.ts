import { generate } from 'otplib';
import type { Page } from 'playwright-core';

/** The code an authenticator app shows `stepsAhead` steps of 30 s from now. */
export function authenticatorCode(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/**
 * Two-factor sign-in, as a person goes through it (French screens): the Security page, the
 * enrolment (the key read off the screen, as someone typing it into an app would), the recovery
 * codes, and the code step at login.
 */
export class TwoFactorPage {
  constructor(readonly page: Page) {}

  async openSecurity(): Promise<void> {
    await this.page.getByRole('button', { name: /Mon compte/ }).click();
    await this.page.getByRole('menuitem', { name: 'Sécurité' }).click();
    await this.page.getByRole('heading', { name: 'Sécurité', level: 1 }).waitFor();
  }

  async startEnrolmentFromSecurity(): Promise<void> {
    await this.page.getByRole('button', { name: 'Activer la double authentification' }).click();
  }

  /** The password again, then the QR code and the key: returns the key without its spaces. */
  async giveThePasswordAndReadTheKey(password: string): Promise<string> {
    await this.page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Continuer' }).click();
    await this.page.getByRole('img', { name: "Code QR à scanner avec l'application d'authentification" }).waitFor();
    const key = await this.page.getByLabel("Ou saisissez cette clé dans l'application :").innerText();
    return key.replace(/\s/g, '');
  }

  /** The first code confirms; the recovery codes are shown once: returns them. */
  async confirmWithCode(code: string): Promise<string[]> {
    await this.page.getByRole('textbox', { name: 'Code à 6 chiffres' }).fill(code);
    await this.page.getByRole('button', { name: 'Activer', exact: true }).click();
    const list = this.page.getByRole('list', { name: 'Codes de secours' });
    await list.waitFor();
    return (await list.getByRole('listitem').allInnerTexts()).map((text) => text.trim());
  }

  async finishAfterKeepingTheCodes(): Promise<void> {
    await this.page.getByRole('checkbox', { name: "J'ai mis ces codes en lieu sûr" }).check();
    await this.page.getByRole('button', { name: 'Terminer' }).click();
  }

  /** The login's second step, after the password. */
  async enterLoginCode(code: string): Promise<void> {
    await this.page.getByRole('heading', { name: 'Double authentification' }).waitFor();
    await this.page.getByRole('textbox', { name: 'Code à 6 chiffres' }).fill(code);
    await this.page.getByRole('button', { name: 'Valider' }).click();
  }

  async enterRecoveryCode(code: string): Promise<void> {
    await this.page.getByRole('heading', { name: 'Double authentification' }).waitFor();
    await this.page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    await this.page.getByRole('textbox', { name: 'Code de secours' }).fill(code);
    await this.page.getByRole('button', { name: 'Valider' }).click();
  }

  async requireForMyTeam(): Promise<void> {
    const teamSwitch = this.page.getByRole('switch', { name: 'Exiger la double authentification de mon équipe' });
    // The switch follows the saved policy: it turns on once the API has said yes.
    await teamSwitch.click();
    await this.page.getByText('La double authentification est exigée de votre équipe.').waitFor();
    for (const deadline = Date.now() + 5_000; !(await teamSwitch.isChecked()); ) {
      if (Date.now() > deadline) throw new Error('The team switch did not turn on');
      await this.page.waitForTimeout(100);
    }
  }
}
