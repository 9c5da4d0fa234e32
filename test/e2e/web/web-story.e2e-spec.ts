/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { logIn } from '../../support/accounts';
import { temporaryDataDir } from '../../support/embedded-platform';
import { eventually } from '../../support/eventually';
import { HttpClient } from '../../support/http-client';
import { AccountsPage } from './pages/accounts.page';
import { AgendaPage } from './pages/agenda.page';
import { LedgerPage } from './pages/ledger.page';
import { PatientsPage, listedName } from './pages/patients.page';
import { CabinetsPage } from './pages/cabinets.page';
import { SessionPage } from './pages/session.page';
import {
  RunningWebPlatform,
  launchChromium,
  newPerson,
  resetLinkMailedTo,
  saveScreenshot,
  seriousAccessibilityViolations,
  startBuiltPlatform,
  temporaryPasswordMailedTo,
} from './web-harness';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'un cheval correct et une agrafe';
const STEP_MS = 120_000;

const LYON = 'Cabinet de la Croix-Rousse';
const VILLEURBANNE = 'Cabinet des Gratte-Ciel';
const OWNER = { name: 'Dr Claire Martin', email: 'claire.martin@example.fr' };
const COLLEAGUE = { name: 'Dr Hugo Bernard', email: 'hugo.bernard@example.fr' };
const SECRETARY = 'secretariat@example.fr';
const SUBSTITUTE = 'remplacant@example.fr';
const ACCOUNTANT = 'cabinet-comptable@example.fr';
/** The names the three provisioned accounts choose at their first login. */
const SECRETARY_NAME = 'Nadia Benali';
const SUBSTITUTE_NAME = 'Thomas Girard';
const ACCOUNTANT_NAME = 'Cabinet Rousseau Expertise';
const PATIENT = { firstName: 'Hélène', lastName: 'Durand', birthDate: '1984-06-12', phone: '06 12 34 56 78', medicalHistory: 'Entorse de la cheville droite en 2019.' };

/** A weekday of next week in Paris (appointments in the past are refused), as YYYY-MM-DD. */
function nextWeekDay(offsetFromMonday: number): string {
  const parisToday = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Paris' }));
  const daysToNextMonday = ((8 - parisToday.getDay()) % 7) || 7;
  const day = new Date(Date.UTC(parisToday.getFullYear(), parisToday.getMonth(), parisToday.getDate() + daysToNextMonday + offsetFromMonday));
  return day.toISOString().slice(0, 10);
}

interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly session: SessionPage;
}

/**
 * The seed's story through the web application, as people do it in a browser (Debian's Chromium
 * driven by playwright-core), against the embedded platform started as `npm start` starts it.
 * Every screen is checked with axe (no serious or critical violation) and saved to
 * docs/screenshots/. The steps build on each other, like the story.
 */
describe('the web application: the seed story in a browser', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningWebPlatform;
  let browser: Browser;
  const people = new Map<string, Person>();

  beforeAll(async () => {
    browser = await launchChromium();
    platform = await startBuiltPlatform(dataDir.path);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    dataDir.remove();
  });

  async function person(key: string, language: 'fr' | 'en' = 'fr'): Promise<Person> {
    const known = people.get(key);
    if (known) return known;
    const { context, page } = await newPerson(browser, platform.baseUrl, { language });
    const created = { context, page, session: new SessionPage(page, language) };
    people.set(key, created);
    return created;
  }

  async function expectAccessible(page: Page, screenshot?: string): Promise<void> {
    // As a person leaves the screen once they have clicked: no pointer over a button, transitions done.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (screenshot) await saveScreenshot(page, screenshot);
  }

  /**
   * A specific account's first login: the temporary password from the mail, the forced change,
   * then the name its holder appears by (until then, their address).
   */
  async function firstLogin(key: string, { email, name }: { email: string; name: string }, screenshots: { password?: string; name?: string } = {}): Promise<Person> {
    const someone = await person(key);
    await someone.session.logIn(email, temporaryPasswordMailedTo(platform.dataDir, email));
    await someone.page.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
    if (screenshots.password) await expectAccessible(someone.page, screenshots.password);
    await someone.session.changeForcedPassword(temporaryPasswordMailedTo(platform.dataDir, email), NEW_PASSWORD);
    await someone.session.displayNameStep().waitFor();
    await expectAccessible(someone.page, screenshots.name);
    await someone.session.chooseDisplayName(name);
    return someone;
  }

  it('shows the login, sign-up and forgotten-password pages in French, accessible', async () => {
    const { page } = await newPerson(browser, platform.baseUrl);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectAccessible(page, '01-connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
    await expectAccessible(page, '02-mot-de-passe-oublie');
    await page.goto('/inscription');
    await page.getByRole('heading', { name: 'Créer un compte' }).waitFor();
    await expectAccessible(page, '03-creer-un-compte');
    await page.close();
  }, STEP_MS);

  it('lets the owner sign up, open two cabinets, and shows her the areas of a main account', async () => {
    const owner = await person('owner');
    await owner.session.register(OWNER.name, OWNER.email, PASSWORD);
    expect(await owner.session.menuAreas()).toEqual(['Comptabilité', 'Comptes spécifiques', 'Cabinets']);

    const cabinets = new CabinetsPage(owner.page);
    await cabinets.open();
    await cabinets.createCabinet({ name: LYON, address: '12 rue Dumenge, 69004 Lyon' });
    await cabinets.createCabinet({ name: VILLEURBANNE });
    await expectAccessible(owner.page, '04-cabinets');
    await owner.page.reload();
    expect(await owner.session.menuAreas()).toEqual(['Agenda', 'Patients', 'Comptabilité', 'Comptes spécifiques', 'Cabinets']);
  }, STEP_MS);

  it('lets the owner create a secretary, a substitute at 30 % and an accountant by e-mail', async () => {
    const owner = await person('owner');
    const accounts = new AccountsPage(owner.page);
    await accounts.open();
    await accounts.grant({ email: SECRETARY, role: 'secretary', cabinets: [LYON] });
    await accounts.grant({ email: SUBSTITUTE, role: 'substitute', cabinets: [LYON], retrocessionPercent: 30 });
    await accounts.grant({ email: ACCOUNTANT, role: 'accountant', cabinets: [LYON, VILLEURBANNE] });
    for (const email of [SECRETARY, SUBSTITUTE, ACCOUNTANT]) await accounts.expectRow({ email, status: 'active' });
    await expectAccessible(owner.page, '05-comptes-specifiques');
  }, STEP_MS);

  it('lets the secretary in with the mailed password, forces the change, asks her name, and shows her the agenda only', async () => {
    const secretary = await firstLogin('secretary', { email: SECRETARY, name: SECRETARY_NAME }, { password: '06-changer-le-mot-de-passe', name: '24-comment-souhaitez-vous-apparaitre' });
    expect(await secretary.session.menuAreas()).toEqual(['Agenda']);
    await secretary.page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    expect(new URL(secretary.page.url()).pathname).toBe('/agenda');
  }, STEP_MS);

  it('lets the secretary change her name later, under Mon compte', async () => {
    const { page, session } = await person('secretary');
    expect(await session.openMyName()).toBe(SECRETARY_NAME);
    await session.changeMyName('Sarah Lefort');
    await expectAccessible(page, '25-mon-nom');
    // Back to the name the rest of the story expects to see.
    await session.changeMyName(SECRETARY_NAME);
    await session.goTo('Agenda');
  }, STEP_MS);

  it('lets the secretary book, and refuses a double booking in French, writing nothing', async () => {
    const { page } = await person('secretary');
    const agenda = new AgendaPage(page);
    const monday = nextWeekDay(0);
    await agenda.next();
    await agenda.book({ day: monday, time: '09:00', end: '09:45', patientName: 'Hélène Durand', reason: 'Lombalgie' });
    await expectAccessible(page, '07-agenda');

    await agenda.bookSlot({ day: monday, time: '09:15', end: '10:00', patientName: 'Paul Girard' });
    await agenda.expectRefusal("Ce praticien a déjà un rendez-vous sur ce créneau. Rien n'a été enregistré.");
    expect(await agenda.formValue('patientName')).toBe('Paul Girard');
    await saveScreenshot(page, '08-agenda-double-reservation');
    await agenda.closeDialog();
    expect(await agenda.appointments('Paul Girard').count()).toBe(0);
  }, STEP_MS);

  it('lets the substitute open a record and a consultation, and complete it', async () => {
    const substitute = await firstLogin('substitute', { email: SUBSTITUTE, name: SUBSTITUTE_NAME });
    expect(await substitute.session.menuAreas()).toEqual(['Patients', 'Comptabilité']);
    const patients = new PatientsPage(substitute.page);
    await patients.open();
    await patients.createPatient(PATIENT);
    await patients.openPatient(listedName(PATIENT));
    await patients.openConsultation({ reason: 'Lombalgie aiguë', notes: 'Dysfonction L4-L5, traitement myofascial.' });
    await patients.completeConsultation({ reason: 'Lombalgie aiguë', feeEuros: '60', paymentMethod: 'card' });
    await patients.expectNoDeleteButton();
    await expectAccessible(substitute.page, '10-dossier-patient');
    await patients.open();
    await patients.search('helene');
    await patients.expectListed(listedName(PATIENT));
    await expectAccessible(substitute.page, '09-patients');
  }, STEP_MS);

  it('shows the owner the income and the retroceded share, and the substitute their own share', async () => {
    const owner = await person('owner');
    const ownerLedger = new LedgerPage(owner.page);
    await ownerLedger.open();
    await ownerLedger.expectTotals({ income: '60,00 €', expense: '18,00 €', net: '42,00 €' });
    await ownerLedger.expectWritable();
    await expectAccessible(owner.page, '11-comptabilite');

    const substitute = await person('substitute');
    await substitute.session.goTo('Comptabilité');
    const substituteLedger = new LedgerPage(substitute.page);
    await substituteLedger.heading().waitFor();
    await substituteLedger.expectTotals({ income: '18,00 €', expense: '0,00 €', net: '18,00 €' });
  }, STEP_MS);

  it('lets the accountant read the owner’s ledger, download the CSV and the PDF, and offers no way to edit', async () => {
    const accountant = await firstLogin('accountant', { email: ACCOUNTANT, name: ACCOUNTANT_NAME });
    expect(await accountant.session.menuAreas()).toEqual(['Comptabilité']);
    const ledger = new LedgerPage(accountant.page);
    await ledger.heading().waitFor();
    await ledger.expectReadOnly();
    await ledger.expectTotals({ income: '60,00 €', expense: '18,00 €' });
    const csv = await ledger.downloadCsv();
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    // In the screen's language: French headers and words, amounts with a decimal comma.
    expect(csvText.slice(1).split('\r\n')[0]).toBe('Date;Cabinet;Nature;Catégorie;Libellé;Patient;Mode de règlement;Recette;Dépense;Consultation;Contrepartie;Écriture');
    expect(csvText).toContain('60,00');
    expect(csvText).toContain('18,00');
    const totals = await ledger.downloadCsv('totals');
    expect(totals.suggestedFilename()).toMatch(/^totals-.*\.csv$/);
    expect(readFileSync(await totals.path(), 'utf8')).toContain('Honoraires rétrocédés');
    const pdf = await ledger.downloadPdf('lines');
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(accountant.page, '12-comptabilite-comptable');

    const figures = await ledger.openYearlySummary();
    expect(await figures.innerText()).toContain('60,00');
    const yearly = await ledger.downloadCsv();
    expect(yearly.suggestedFilename()).toMatch(/^yearly-summary-.*\.csv$/);
    await expectAccessible(accountant.page, '12b-synthese-annuelle');
  }, STEP_MS);

  it('lets a colleague accept an invitation, see the shared cabinet’s patients and only their own ledger', async () => {
    const colleague = await person('colleague');
    await colleague.session.register(COLLEAGUE.name, COLLEAGUE.email, PASSWORD);

    const owner = await person('owner');
    const cabinets = new CabinetsPage(owner.page);
    await cabinets.open();
    await cabinets.openCabinet(LYON);
    await cabinets.inviteColleague(COLLEAGUE.email);
    await cabinets.expectColleague(COLLEAGUE.name, 'invited');
    await expectAccessible(owner.page, '13-cabinet');

    const colleagueCabinets = new CabinetsPage(colleague.page);
    await colleagueCabinets.open();
    await expectAccessible(colleague.page, '14-invitations-recues');
    await colleagueCabinets.acceptInvitation(LYON);
    await colleague.session.switchSpace(`Cabinet de ${OWNER.name} — confrère`);
    expect(await colleague.session.menuAreas()).toEqual(['Agenda', 'Patients', 'Comptabilité']);

    const patients = new PatientsPage(colleague.page);
    await colleague.session.goTo('Patients');
    await patients.expectListed(listedName(PATIENT));

    await colleague.session.goTo('Comptabilité');
    const ledger = new LedgerPage(colleague.page);
    await ledger.heading().waitFor();
    await ledger.expectWritable();
    // Their own ledger only: no choice of whose ledger to read.
    expect(await colleague.page.getByRole('radiogroup', { name: 'Grand livre affiché' }).count()).toBe(0);
    await ledger.expectTotals({ income: '0,00 €' });
  }, STEP_MS);

  it('lets the owner say how the cabinet reminds, record a patient’s consent to SMS, and read each appointment’s reminder in the agenda', async () => {
    const owner = await person('owner');
    const cabinets = new CabinetsPage(owner.page);
    await cabinets.open();
    await cabinets.openCabinet(LYON);
    const settings = await cabinets.fillReminderSettings({ delayHours: 48, phone: '04 78 00 00 00' });
    await expectAccessible(owner.page, '26-rappels-du-cabinet');
    await cabinets.saveReminderSettings(settings, '48 heures avant le rendez-vous');
    expect(await cabinets.reminderSection().innerText()).toContain('+33 4 78 00 00 00');

    const patients = new PatientsPage(owner.page);
    await owner.session.goTo('Patients');
    await patients.openPatient(listedName(PATIENT));
    const patientId = new URL(owner.page.url()).pathname.split('/').at(-1)!;
    const preferences = await patients.fillReminderPreferences({ sms: true, consentDate: nextWeekDay(-7) });
    await expectAccessible(owner.page, '27-rappels-du-patient');
    await patients.saveReminderPreferences(preferences);
    await patients.reminderSection().getByText('Par SMS').waitFor();

    // The web books by name; an appointment linked to the record is booked through the API, as another client would.
    const anonymous = new HttpClient(platform.baseUrl);
    const api = anonymous.withToken(await logIn(anonymous, OWNER.email, PASSWORD));
    const ownerId = (await api.get('/api/v1/me')).body.accountId as string;
    const lyon = ((await api.get('/api/v1/cabinets')).body as { cabinetId: string; name: string }[]).find((cabinet) => cabinet.name === LYON)!;
    const friday = nextWeekDay(4);
    const booking = { practitionerId: ownerId, patientName: listedName(PATIENT), patientId, start: `${friday}T10:00:00.000Z`, end: `${friday}T10:45:00.000Z` };
    const { appointmentId } = (await api.post(`/api/v1/cabinets/${lyon.cabinetId}/appointments`, booking)).body;
    await eventually(async () => {
      const reminders = (await api.get(`/api/v1/reminders?cabinetId=${lyon.cabinetId}&from=${nextWeekDay(0)}T00:00:00.000Z&to=${nextWeekDay(7)}T00:00:00.000Z`)).body;
      expect(reminders).toEqual([expect.objectContaining({ appointmentId, channel: 'sms', state: 'planned' })]);
    });

    const agenda = new AgendaPage(owner.page);
    await owner.session.goTo('Agenda');
    await agenda.next();
    await agenda.appointment(listedName(PATIENT)).filter({ hasText: 'Rappel prévu' }).waitFor();
    // The secretary's booking names the patient without the record: no reminder.
    await agenda.appointment('Hélène Durand').filter({ hasText: 'Sans rappel' }).waitFor();
    await expectAccessible(owner.page, '28-agenda-rappels');
    const details = await agenda.openAppointment(listedName(PATIENT));
    await details.getByText(/^SMS : prévu le /).waitFor();
    await agenda.closeDialog();
  }, STEP_MS);

  it('puts a revoked substitute out at the next click', async () => {
    const owner = await person('owner');
    const accounts = new AccountsPage(owner.page);
    await accounts.open();
    await accounts.revoke(SUBSTITUTE);

    const substitute = await person('substitute');
    await substitute.session.goTo('Patients');
    await substitute.page.getByText('Aucun accès pour le moment').waitFor({ timeout: 15_000 });
    expect(await substitute.page.getByText(listedName(PATIENT)).count()).toBe(0);
  }, STEP_MS);

  it('lets the owner erase the revoked substitute’s account, after saying what erasure means', async () => {
    const owner = await person('owner');
    const accounts = new AccountsPage(owner.page);
    await accounts.open();
    // Only once no grant to it is in force: the secretary's, still active, offers none.
    expect(await accounts.eraseButton(SECRETARY).count()).toBe(0);
    const dialog = await accounts.askErasure(SUBSTITUTE);
    await dialog.getByText('effacés pour de bon').waitFor();
    await dialog.getByText(/irréversible/).waitFor();
    await expectAccessible(owner.page, '23-effacer-le-compte');
    await accounts.confirmErasure(dialog, SUBSTITUTE);
    await owner.page.getByText(/^Compte de .+ effacé\.$/).waitFor();

    // Its sessions are over: the substitute's next page is the login.
    const substitute = await person('substitute');
    await substitute.page.reload();
    await substitute.page.getByRole('heading', { name: 'Connexion' }).waitFor({ timeout: 15_000 });
  }, STEP_MS);

  it('shows a retry, never a blank page, when the network fails', async () => {
    const owner = await person('owner');
    await owner.page.route('**/api/v1/cabinets/*/patients**', (route) => route.abort('failed'));
    await owner.session.goTo('Patients');
    const retry = owner.page.getByRole('button', { name: 'Réessayer' });
    await retry.waitFor({ timeout: 20_000 });
    await owner.page.unroute('**/api/v1/cabinets/*/patients**');
    await retry.click();
    await new PatientsPage(owner.page).expectListed(listedName(PATIENT));
  }, STEP_MS);

  it('signs every tab out when one logs out', async () => {
    const owner = await person('owner');
    const secondTab = await owner.context.newPage();
    await secondTab.goto('/comptabilite');
    await new LedgerPage(secondTab).heading().waitFor();
    await owner.session.logOut();
    await secondTab.getByRole('heading', { name: 'Connexion' }).waitFor();
    await secondTab.close();
  }, STEP_MS);

  it('works at phone width: the agenda by day, the patient search', async () => {
    const { page } = await newPerson(browser, platform.baseUrl, { width: 390, height: 844 });
    await new SessionPage(page).logIn(OWNER.email, PASSWORD);
    await page.waitForURL((url) => url.pathname !== '/connexion');
    await page.goto('/agenda');
    await page.getByRole('button', { name: 'Jour suivant' }).waitFor();
    await expectAccessible(page, '15-agenda-telephone');
    const patients = new PatientsPage(page);
    await patients.open();
    await patients.search('durand');
    await patients.expectListed(listedName(PATIENT));
    await expectAccessible(page, '16-patients-telephone');
    await page.close();
  }, STEP_MS);

  it('lets a person who forgot their password choose a new one from the mailed link', async () => {
    const { page } = await newPerson(browser, platform.baseUrl);
    await page.goto('/mot-de-passe/oublie');
    await page.getByRole('textbox', { name: 'Adresse e-mail', exact: true }).fill(COLLEAGUE.email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText('Si un compte existe pour cette adresse').waitFor();
    await page.goto(await resetLinkMailedTo(platform.dataDir, COLLEAGUE.email));
    await page.getByRole('heading', { name: 'Nouveau mot de passe' }).waitFor();
    await page.getByRole('textbox', { name: 'Nouveau mot de passe', exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('textbox', { name: 'Confirmez le nouveau mot de passe', exact: true }).fill(NEW_PASSWORD);
    await expectAccessible(page, '17-nouveau-mot-de-passe');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Votre mot de passe a été changé').waitFor();
    const session = new SessionPage(page);
    await session.logIn(COLLEAGUE.email, NEW_PASSWORD);
    await session.menu().waitFor();
    await page.close();
  }, STEP_MS);

  it('runs the login-to-ledger path in English', async () => {
    const owner = await person('owner-en', 'en');
    await owner.session.logIn(OWNER.email, PASSWORD);
    expect(await owner.session.menuAreas()).toEqual(['Diary', 'Patients', 'Accounts', 'Specific accounts', 'Practices']);
    expect(await owner.page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Her account had no language of its own: it takes the one chosen on this device, so identity
    // mails her in English from now on.
    const api = new HttpClient(platform.baseUrl);
    await eventually(async () =>
      expect((await api.withToken(await logIn(api, OWNER.email, PASSWORD)).get('/api/v1/me')).body).toMatchObject({ language: 'en', languageChosen: true }),
    );
    await owner.session.goTo('Accounts');
    const ledger = new LedgerPage(owner.page, 'en');
    await ledger.heading().waitFor();
    await ledger.expectTotals({ income: '€60.00', expense: '€18.00', net: '€42.00' });
    await expectAccessible(owner.page);

    // Every other screen of the owner, in English too, read by axe.
    await owner.session.goTo('Diary');
    await owner.page.getByRole('heading', { level: 1, name: 'Diary' }).waitFor();
    await expectAccessible(owner.page);
    const patients = new PatientsPage(owner.page, 'en');
    await owner.session.goTo('Patients');
    await patients.expectListed(listedName(PATIENT));
    await expectAccessible(owner.page);
    await patients.openPatient(listedName(PATIENT));
    await expectAccessible(owner.page);
    await owner.session.goTo('Specific accounts');
    await owner.page.getByRole('heading', { level: 1, name: 'Specific accounts' }).waitFor();
    await expectAccessible(owner.page);
    await owner.session.goTo('Practices');
    await owner.page.getByRole('heading', { level: 1, name: 'Practices' }).waitFor();
    await expectAccessible(owner.page);
  }, STEP_MS);
});
