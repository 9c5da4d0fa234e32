import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DelegationGrantedV1, type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { EmailDigests } from '@osteo/platform';
import { temporaryPasswordLabels } from '@osteo/mail';
import { decodeHeader, mailPartsOf, parseRawMail, temporaryPasswordIn } from '../support/raw-mail';
import { type RecordingSmtpServer, startRecordingSmtpServer } from '../support/recording-smtp-server';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

const ownerPassword = 'correct horse battery staple';

/**
 * Identity's side of provisioning by e-mail, with a real SMTP server: access-grant's
 * DelegationGranted is published by hand onto the platform's bus (the in-process one here), and
 * what comes out is checked where a grantee and the other services would see it: in the mail
 * received, over HTTP, and on identity.events. (access-grant, in the same process, never granted
 * these hand-made delegations: it logs that it retries activating them, which is no concern here.)
 */
describe('provisioning by e-mail through SMTP', () => {
  const dataDir = temporaryDataDir();
  const identityEvents: IntegrationEnvelope[] = [];
  let smtp: RecordingSmtpServer;
  let platform: RunningPlatform;
  let http: HttpClient;
  let drMartin: string;
  let drPetit: string;

  beforeAll(async () => {
    smtp = await startRecordingSmtpServer();
    platform = await startPlatform({
      DATA_DIR: dataDir.path,
      MAILER: 'smtp',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Osteo platform <no-reply@osteo.test>',
      PUBLIC_URL: 'https://osteo.example.fr',
    });
    http = new HttpClient(platform.baseUrl);
    await bus().subscribe({
      groupId: 'test.identity-events-observer',
      topics: [Topics.identity],
      handle: async ({ envelope }) => void identityEvents.push(envelope),
    });
    drMartin = await registerOwner('claire.martin@example.fr', 'Dr Claire Martin');
    drPetit = await registerOwner('hugo.petit@example.fr', 'Dr Hugo Petit');
  });

  afterAll(async () => {
    await platform.stop();
    await smtp.stop();
    dataDir.remove();
  });

  const bus = () => platform.app.get(EventBus);

  async function registerOwner(email: string, displayName: string): Promise<string> {
    const registered = await http.post('/api/v1/auth/register', { email, password: ownerPassword, displayName });
    expect(registered.status).toBe(201);
    return registered.body.accountId;
  }

  /** A DelegationGranted as access-grant publishes it, for a grantee without an account id yet. */
  function delegationGranted(grant: Pick<DelegationGrantedV1, 'ownerId' | 'granteeEmail'> & Partial<DelegationGrantedV1>) {
    const delegationId = randomUUID();
    const envelope: IntegrationEnvelope<'DelegationGranted', DelegationGrantedV1> = {
      eventId: randomUUID(),
      type: 'DelegationGranted',
      version: 1,
      streamId: `delegation-${delegationId}`,
      revision: 0,
      occurredAt: new Date().toISOString(),
      actorId: grant.ownerId,
      correlationId: randomUUID(),
      causationId: null,
      data: { delegationId, granteeAccountId: null, role: 'secretary', cabinetIds: ['cabinet-1'], retrocessionBasisPoints: null, endsOn: null, ...grant },
    };
    return envelope;
  }

  const publish = (...envelopes: IntegrationEnvelope[]) => bus().publish(Topics.access, envelopes.map((envelope) => ({ key: envelope.streamId, envelope })));
  const mailsTo = (email: string) => smtp.received.filter((mail) => mail.recipients.includes(email));
  /** identity.events names an account's address by its keyed digest only (#11). */
  const registrationsOf = (email: string) =>
    identityEvents.filter((event) => event.type === 'AccountRegistered' && event.data.emailDigest === EmailDigests.from(platform.config).of(email));
  const logIn = (email: string, password: string) => http.post('/api/v1/auth/login', { email, password });

  async function nthMailTo(email: string, count: number) {
    return eventually(() => {
      expect(mailsTo(email)).toHaveLength(count);
      return mailsTo(email)[count - 1];
    }, 10_000);
  }

  /**
   * Every identity event written so far has reached identity.events: the publisher goes in store
   * order, so once an account registered now is seen, everything before it was too.
   */
  async function identityEventsCaughtUp(): Promise<void> {
    const marker = `marker-${randomUUID()}@example.fr`;
    await registerOwner(marker, 'Marker');
    await eventually(() => expect(registrationsOf(marker)).toHaveLength(1));
  }

  it('creates a specific account for an unknown e-mail and mails it a temporary password, to be changed at first login', async () => {
    const email = 'sophie.bernard@example.fr';
    const granted = delegationGranted({ ownerId: drMartin, granteeEmail: email });
    await publish(granted);

    // In French (the owner never chose another language), as HTML with its plain-text part.
    const mail = await nthMailTo(email, 1);
    const { headers } = parseRawMail(mail.raw);
    expect(headers.get('from')).toBe('Osteo platform <no-reply@osteo.test>');
    expect(decodeHeader(headers.get('subject') ?? '')).toBe('Dr Claire Martin vous a donné accès à la plateforme Osteo');
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    const temporaryPassword = temporaryPasswordIn(mail.raw);
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const { text, html } = mailPartsOf(mail.raw);
    expect(text).toContain('Dr Claire Martin vous a donné accès en tant que secrétaire sur la plateforme Osteo.');
    expect(text).toContain(`\nMot de passe temporaire :\n${temporaryPassword}\n`);
    expect(text).toContain('\nhttps://osteo.example.fr/connexion\n');
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('href="https://osteo.example.fr/connexion"');
    expect(html).toContain(temporaryPassword);

    const session = await logIn(email, temporaryPassword);
    expect(session.status).toBe(200);
    expect(session.body.mustChangePassword).toBe(true);
    const authed = http.withToken(session.body.accessToken);
    const me = await authed.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, displayName: email, kind: 'specific', mustChangePassword: true });

    // What access-grant learns, to activate the delegation: the account, caused by the grant.
    await eventually(() =>
      expect(registrationsOf(email)).toEqual([
        expect.objectContaining({
          causationId: granted.eventId,
          correlationId: granted.correlationId,
          data: { accountId: me.body.accountId, emailDigest: EmailDigests.from(platform.config).of(email), displayName: 'sophie.bernard', kind: 'specific', mustChangePassword: true },
        }),
      ]),
    );

    const ownPassword = 'sophie chose this passphrase';
    expect((await authed.post('/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: ownPassword })).status).toBe(204);
    expect((await logIn(email, temporaryPassword)).status).toBe(401);
    const ownSession = await logIn(email, ownPassword);
    expect(ownSession.status).toBe(200);
    expect(ownSession.body.mustChangePassword).toBe(false);

    // Only its argon2id hash was written anywhere identity keeps data.
    const files = readdirSync(dataDir.path, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(join(file.parentPath, file.name)).includes(temporaryPassword)).toBe(false);
  });

  it('gives a known e-mail a notice of the new access in the language its holder chose, and no second account', async () => {
    const email = 'known.secretary@example.fr';
    await publish(delegationGranted({ ownerId: drMartin, granteeEmail: email }));
    const temporaryPassword = temporaryPasswordIn((await nthMailTo(email, 1)).raw);
    await identityEventsCaughtUp();
    expect(registrationsOf(email)).toHaveLength(1);
    const holder = http.withToken((await logIn(email, temporaryPassword)).body.accessToken);
    expect((await holder.put('/api/v1/me/language', { language: 'en' })).status).toBe(204);

    await publish(delegationGranted({ ownerId: drPetit, granteeEmail: email, role: 'accountant' }));

    const notice = await nthMailTo(email, 2);
    expect(parseRawMail(notice.raw).headers.get('subject')).toBe('Dr Hugo Petit gave you access on the Osteo platform');
    const { text, html } = mailPartsOf(notice.raw);
    expect(text).toContain('Dr Hugo Petit gave you access as an accountant on the Osteo platform.');
    expect(html).toContain('<html lang="en"');
    for (const label of temporaryPasswordLabels) expect(notice.raw).not.toContain(label);
    await identityEventsCaughtUp();
    expect(registrationsOf(email)).toHaveLength(1);
    expect((await logIn(email, temporaryPassword)).status).toBe(200);
  });

  it('mails once for a DelegationGranted delivered twice', async () => {
    const email = 'delivered.twice@example.fr';
    const granted = delegationGranted({ ownerId: drMartin, granteeEmail: email });
    const next = delegationGranted({ ownerId: drMartin, granteeEmail: 'next.in.line@example.fr' });

    await publish(granted, granted, next);

    // The consumer group handles messages in order: once the next grant is mailed, both copies were handled.
    await nthMailTo('next.in.line@example.fr', 1);
    expect(mailsTo(email)).toHaveLength(1);
    expect((await logIn(email, temporaryPasswordIn(mailsTo(email)[0].raw))).status).toBe(200);
  });
});
