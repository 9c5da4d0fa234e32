/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { temporaryDataDir } from '../../support/embedded-platform';
import { SessionPage } from './pages/session.page';
import { RunningWebPlatform, launchChromium, newPerson, saveScreenshot, seriousAccessibilityViolations, startBuiltPlatform } from './web-harness';

const PASSWORD = 'correct horse battery staple';

/**
 * The seed's story through the web application, as people do it in a browser (Debian's Chromium
 * driven by playwright-core), against the embedded platform started as `npm start` starts it.
 * Every screen is checked with axe and saved to docs/screenshots/.
 */
describe('the web application, in French', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningWebPlatform;
  let browser: Browser;
  let owner: { page: Page; session: SessionPage };

  beforeAll(async () => {
    browser = await launchChromium();
    platform = await startBuiltPlatform(dataDir.path);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    dataDir.remove();
  });

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  it('shows the login page in French, accessible', async () => {
    const { page } = await newPerson(browser, platform.baseUrl);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectAccessible(page);
    await saveScreenshot(page, '01-connexion');
    await page.getByRole('link', { name: 'Créer un compte' }).click();
    await page.getByRole('heading', { name: 'Créer un compte' }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, '02-creer-un-compte');
    await page.close();
  }, 60_000);

  it('lets the owner sign up and shows her the areas of a main account', async () => {
    const { page } = await newPerson(browser, platform.baseUrl);
    owner = { page, session: new SessionPage(page) };
    await owner.session.register('Dr Claire Martin', 'claire.martin@example.fr', PASSWORD);
    expect(await owner.session.menuAreas()).toEqual(['Comptabilité', 'Comptes spécifiques', 'Cabinets']);
    await expectAccessible(page);
  }, 60_000);
});
