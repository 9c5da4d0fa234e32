import { PASSWORD, type SignedIn, logIn, registerMainAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, storedEventCount, storedEventTypes, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { decodeHeader, mailPartsOf, parseRawMail, temporaryPasswordIn } from '../support/raw-mail';
import { type RecordingSmtpServer, startRecordingSmtpServer } from '../support/recording-smtp-server';

const PUBLIC_URL = 'https://osteo.example.fr';

/**
 * The account's language (PUT /me/language, GET /me) and the mail identity writes in it, over
 * HTTP against the embedded platform with a real SMTP server: the colleague invitation (identity
 * reacting to access-grant's ColleagueInvited) and the password reset.
 */
describe('the account language and the mail written in it, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let smtp: RecordingSmtpServer;
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let claire: SignedIn;
  let hugo: SignedIn;
  let cabinetId: string;
  const identityEventCount = () => storedEventCount(dataDir.path, 'identity');
  const mailsTo = (email: string) => smtp.received.filter((mail) => mail.recipients.includes(email));
  const platformEnvironment = () => ({ DATA_DIR: dataDir.path, MAILER: 'smtp', SMTP_URL: smtp.url, MAIL_FROM: 'Osteo <no-reply@osteo.test>', PUBLIC_URL });

  beforeAll(async () => {
    smtp = await startRecordingSmtpServer();
    platform = await startPlatform(platformEnvironment());
    anonymous = new HttpClient(platform.baseUrl);
    claire = await registerMainAccount(anonymous, 'claire.martin@example.fr', 'Dr Claire Martin');
    hugo = await registerMainAccount(anonymous, 'hugo.petit@example.fr', 'Dr Hugo Petit');
    cabinetId = (await claire.http.post('/api/v1/cabinets', { name: 'Cabinet <des> Lilas & Fils' })).body.cabinetId;
  });

  afterAll(async () => {
    await platform.stop();
    await smtp.stop();
    dataDir.remove();
  });

  it('an account speaks French until its holder chooses; GET /me answers the choice at once', async () => {
    expect((await hugo.http.get('/api/v1/me')).body).toMatchObject({ language: 'fr', languageChosen: false });

    expect((await hugo.http.put('/api/v1/me/language', { language: 'en' })).status).toBe(204);
    expect((await hugo.http.get('/api/v1/me')).body).toMatchObject({ language: 'en', languageChosen: true });

    const before = await identityEventCount();
    expect((await hugo.http.put('/api/v1/me/language', { language: 'en' })).status).toBe(204);
    expect(await identityEventCount()).toBe(before);
  });

  it.each([
    ['an unknown code', { language: 'de' }],
    ['a code in capitals', { language: 'FR' }],
    ['no language', {}],
    ['a number', { language: 1 }],
    ['null', { language: null }],
  ])('refuses %s with a 400 naming language, and writes nothing', async (_case, body) => {
    const before = await identityEventCount();

    const answer = await claire.http.put('/api/v1/me/language', body);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'REQUEST.INVALID', message: expect.stringMatching(/^language/) });
    expect(await identityEventCount()).toBe(before);
    expect((await claire.http.get('/api/v1/me')).body.language).toBe('fr');
  });

  it('asks who is choosing: no token, no language', async () => {
    expect((await anonymous.put('/api/v1/me/language', { language: 'en' })).status).toBe(401);
  });

  it('mails an invited colleague in their language: who invites them, to which practice, and the practices page to answer on', async () => {
    const invited = await claire.http.post(`/api/v1/cabinets/${cabinetId}/colleagues`, { email: hugo.email });
    expect(invited.status).toBe(201);

    const mail = await eventually(() => {
      expect(mailsTo(hugo.email)).toHaveLength(1);
      return mailsTo(hugo.email)[0];
    }, 10_000);
    const { headers } = parseRawMail(mail.raw);
    expect(decodeHeader(headers.get('subject') ?? '')).toBe('Dr Claire Martin invites you to join the practice “Cabinet <des> Lilas & Fils”');
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    const { text, html } = mailPartsOf(mail.raw);
    expect(text).toContain('Dr Claire Martin invites you to practise at the practice “Cabinet <des> Lilas & Fils” on the Osteo platform.');
    expect(text).toContain(`\n${PUBLIC_URL}/cabinets\n`);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain(`href="${PUBLIC_URL}/cabinets"`);
    expect(html).toContain('Cabinet &lt;des&gt; Lilas &amp; Fils');
    expect(html).not.toContain('<des>');
  });

  it('mails an invitee who never chose a language in French', async () => {
    const sophie = await registerMainAccount(anonymous, 'sophie.roy@example.fr', 'Dr Sophie Roy');
    expect((await claire.http.post(`/api/v1/cabinets/${cabinetId}/colleagues`, { email: sophie.email })).status).toBe(201);

    const mail = await eventually(() => {
      expect(mailsTo(sophie.email)).toHaveLength(1);
      return mailsTo(sophie.email)[0];
    }, 10_000);
    expect(decodeHeader(parseRawMail(mail.raw).headers.get('subject') ?? '')).toBe('Dr Claire Martin vous invite à rejoindre le cabinet « Cabinet <des> Lilas & Fils »');
    expect(mailPartsOf(mail.raw).text).toContain(`Pour accepter ou refuser l’invitation, connectez-vous et ouvrez la page Cabinets :\n\n${PUBLIC_URL}/cabinets\n`);
  });

  it('lets a provisioned account choose its language at its first login, before it has chosen its name', async () => {
    const email = 'secretariat.lilas@example.fr';
    expect((await claire.http.post('/api/v1/delegations', { email, role: 'secretary', cabinetIds: [cabinetId] })).status).toBe(201);
    const mail = await eventually(() => {
      expect(mailsTo(email)).toHaveLength(1);
      return mailsTo(email)[0];
    }, 10_000);
    const temporaryPassword = temporaryPasswordIn(mail.raw);
    const temporary = anonymous.withToken(await logIn(anonymous, email, temporaryPassword));
    expect((await temporary.put('/api/v1/me/language', { language: 'en' })).status).toBe(204);
    expect((await temporary.post('/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: PASSWORD })).status).toBe(204);
    const unnamed = anonymous.withToken(await logIn(anonymous, email, PASSWORD));
    expect((await unnamed.get('/api/v1/me')).body).toMatchObject({ mustChooseDisplayName: true, language: 'en', languageChosen: true });
    // Every other route waits for the name (ACCOUNT.DISPLAY_NAME_REQUIRED); the language switch does not.
    expect((await unnamed.get('/api/v1/cabinets')).body.code).toBe('ACCOUNT.DISPLAY_NAME_REQUIRED');

    expect((await unnamed.put('/api/v1/me/language', { language: 'fr' })).status).toBe(204);
    expect((await unnamed.get('/api/v1/me')).body.language).toBe('fr');
  });

  it('mails an invitation once: not again when it comes again after a restart, as the embedded publisher republishes everything at start', async () => {
    // Identity records the mail once it is handed over: the restart must come after that record.
    await eventually(async () => expect((await storedEventTypes(dataDir.path, 'identity')).filter((type) => type === 'ColleagueInvitationMailed')).toHaveLength(2));

    await platform.stop();
    platform = await startPlatform(platformEnvironment());
    anonymous = new HttpClient(platform.baseUrl);
    const claireAgain = anonymous.withToken(await logIn(anonymous, claire.email, PASSWORD));
    const late = await registerMainAccount(anonymous, 'late.invitee@example.fr', 'Dr Late');
    expect((await claireAgain.post(`/api/v1/cabinets/${cabinetId}/colleagues`, { email: late.email })).status).toBe(201);

    // One consumer group, in order: once the new invitation is mailed, the republished ones were handled.
    await eventually(() => expect(mailsTo(late.email)).toHaveLength(1), 10_000);
    expect(mailsTo(hugo.email)).toHaveLength(1);
    expect(mailsTo('sophie.roy@example.fr')).toHaveLength(1);
  });

  it('writes the reset mail in the language the account chose, whatever the page asked; in the page’s language until the account chooses', async () => {
    const resetMails = (email: string) => mailsTo(email).filter((mail) => mailPartsOf(mail.raw).text.includes(`${PUBLIC_URL}/mot-de-passe/reinitialiser?token=`));

    expect((await anonymous.post('/api/v1/auth/password-reset', { email: hugo.email, language: 'fr' })).status).toBe(202);
    const chosen = await eventually(() => {
      expect(resetMails(hugo.email)).toHaveLength(1);
      return resetMails(hugo.email)[0];
    }, 10_000);
    expect(decodeHeader(parseRawMail(chosen.raw).headers.get('subject') ?? '')).toBe('Reset your Osteo platform password');
    expect(mailPartsOf(chosen.raw).html).toContain('<html lang="en"');

    expect((await anonymous.post('/api/v1/auth/password-reset', { email: claire.email, language: 'en' })).status).toBe(202);
    const fromPage = await eventually(() => {
      expect(resetMails(claire.email)).toHaveLength(1);
      return resetMails(claire.email)[0];
    }, 10_000);
    expect(decodeHeader(parseRawMail(fromPage.raw).headers.get('subject') ?? '')).toBe('Reset your Osteo platform password');

    expect((await anonymous.post('/api/v1/auth/password-reset', { email: claire.email })).status).toBe(202);
    const byDefault = await eventually(() => {
      expect(resetMails(claire.email)).toHaveLength(2);
      return resetMails(claire.email)[1];
    }, 10_000);
    expect(decodeHeader(parseRawMail(byDefault.raw).headers.get('subject') ?? '')).toBe('Réinitialisation de votre mot de passe Osteo');
  });
});
