/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { temporaryDataDir } from '../../support/embedded-platform';
import { AccountsPage } from './pages/accounts.page';
import { CabinetsPage } from './pages/cabinets.page';
import { SessionPage } from './pages/session.page';
import { TwoFactorPage, authenticatorCode } from './pages/two-factor.page';
import { RunningWebPlatform, launchChromium, newPerson, saveScreenshot, seriousAccessibilityViolations, startBuiltPlatform, temporaryPasswordMailedTo } from './web-harness';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'un cheval correct et une agrafe';
const STEP_MS = 120_000;
const OWNER = { name: 'Dr Claire Martin', email: 'claire.martin@example.fr' };
const SECRETARY = 'secretariat@example.fr';
const CABINET = 'Cabinet de la Croix-Rousse';

/**
 * Two-factor sign-in in a browser, against the built platform: the owner enrols from the
 * Security page (the code computed here from the key the screen shows, as an app would), signs
 * in again with a code and with a recovery code, requires it of her team; her secretary is then
 * made to enrol before anything else. axe on every new screen; screenshots in docs/screenshots.
 */
describe('the web application: two-factor sign-in in a browser', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningWebPlatform;
  let browser: Browser;
  let ownerKey: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    platform = await startBuiltPlatform(dataDir.path);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    dataDir.remove();
  });

  async function expectAccessible(page: import('playwright-core').Page, screenshot?: string): Promise<void> {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshot) await saveScreenshot(page, screenshot);
  }

  it('lets the owner enrol an authenticator app from the Security page, with the QR code, the key and ten recovery codes', async () => {
    const { page } = await newPerson(browser, platform.baseUrl);
    const session = new SessionPage(page);
    const twoFactor = new TwoFactorPage(page);
    await session.register(OWNER.name, OWNER.email, PASSWORD);
    await twoFactor.openSecurity();
    await expectAccessible(page, '18-securite');

    await twoFactor.startEnrolmentFromSecurity();
    ownerKey = await twoFactor.giveThePasswordAndReadTheKey(PASSWORD);
    expect(ownerKey).toMatch(/^[A-Z2-7]{32}$/);
    await expectAccessible(page, '19-double-authentification-activation');

    recoveryCodes = await twoFactor.confirmWithCode(await authenticatorCode(ownerKey));
    expect(recoveryCodes).toHaveLength(10);
    await expectAccessible(page, '20-codes-de-secours');
    await twoFactor.finishAfterKeepingTheCodes();
    await page.getByText('Activée', { exact: true }).waitFor();
    await session.logOut();
    await page.close();
  }, STEP_MS);

  it('asks her for the code after the password, then for a recovery code when she has no phone', async () => {
    const { page } = await newPerson(browser, platform.baseUrl);
    const session = new SessionPage(page);
    const twoFactor = new TwoFactorPage(page);
    await session.logIn(OWNER.email, PASSWORD);
    await page.getByRole('heading', { name: 'Double authentification' }).waitFor();
    await expectAccessible(page, '21-connexion-code');
    // The code of the next time step: the one that confirmed the enrolment is spent.
    await twoFactor.enterLoginCode(await authenticatorCode(ownerKey, 1));
    await session.menu().waitFor();
    await session.logOut();

    await session.logIn(OWNER.email, PASSWORD);
    await twoFactor.enterRecoveryCode(recoveryCodes[0]);
    await session.menu().waitFor();
    await page.close();
  }, STEP_MS);

  it("makes her secretary enrol before anything else once she requires it of her team", async () => {
    const { page } = await newPerson(browser, platform.baseUrl);
    const session = new SessionPage(page);
    const twoFactor = new TwoFactorPage(page);
    await session.logIn(OWNER.email, PASSWORD);
    await twoFactor.enterRecoveryCode(recoveryCodes[1]);
    await session.menu().waitFor();
    const cabinets = new CabinetsPage(page);
    await cabinets.open();
    await cabinets.createCabinet({ name: CABINET });
    const accounts = new AccountsPage(page);
    await accounts.open();
    await accounts.grant({ email: SECRETARY, role: 'secretary', cabinets: [CABINET] });
    await twoFactor.openSecurity();
    await twoFactor.requireForMyTeam();
    await expectAccessible(page);

    const secretary = await newPerson(browser, platform.baseUrl);
    const secretarySession = new SessionPage(secretary.page);
    const secretaryTwoFactor = new TwoFactorPage(secretary.page);
    const temporaryPassword = temporaryPasswordMailedTo(platform.dataDir, SECRETARY);
    await secretarySession.logIn(SECRETARY, temporaryPassword);
    await secretary.page.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
    await secretary.page.getByRole('textbox', { name: 'Mot de passe actuel', exact: true }).fill(temporaryPassword);
    await secretary.page.getByRole('textbox', { name: 'Nouveau mot de passe', exact: true }).fill(NEW_PASSWORD);
    await secretary.page.getByRole('textbox', { name: 'Confirmez le nouveau mot de passe', exact: true }).fill(NEW_PASSWORD);
    await secretary.page.getByRole('button', { name: 'Changer le mot de passe' }).click();

    await secretary.page.getByRole('heading', { name: 'Activez la double authentification' }).waitFor();
    await expectAccessible(secretary.page, '22-double-authentification-exigee');
    const key = await secretaryTwoFactor.giveThePasswordAndReadTheKey(NEW_PASSWORD);
    await secretaryTwoFactor.confirmWithCode(await authenticatorCode(key));
    await secretaryTwoFactor.finishAfterKeepingTheCodes();
    // Then the name she appears by, as every provisioned account's first login asks.
    await secretarySession.chooseDisplayName('Nadia Benali');
    expect(await secretarySession.menuAreas()).toEqual(['Agenda']);
  }, STEP_MS);
});
