import { EventStore, SqliteEventStore, handleCommand } from '@osteo/event-sourcing';
import { accountDecider, accountStreamId } from '../../domain/account';
import { AccountLookup } from '../accounts/account-lookup';
import { EmailReservations } from '../accounts/email-reservations';
import { Mailer, type MailMessage, temporaryPasswordLabels } from '@osteo/mail';
import { AccessReader, ACCESS_CABINETS } from '@osteo/auth';
import { InMemoryReadStore } from '@osteo/read-store';
import { IdentitySettings } from '../ports';
import { PasswordHasher } from '../ports';
import { Clock, EmailDigests } from '@osteo/platform';
import { type GrantToProvision, ProvisionGranteeHandler } from './provision-grantee.handler';
import { ERASED } from '@osteo/personal-data';

/** Keeps what was sent; `failNext` makes the next send fail as an unreachable SMTP server would. */
class RecordingMailer extends Mailer {
  readonly sent: MailMessage[] = [];
  failNext = false;

  async send(message: MailMessage): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('SMTP server unreachable');
    }
    this.sent.push(message);
  }
}

/** Hashing is argon2id's business (its own adapter); here a readable stand-in shows what was stored. */
class VisibleHasher extends PasswordHasher {
  async hash(password: string): Promise<string> {
    return `hash(${password})`;
  }
  async verify(hash: string, password: string): Promise<boolean> {
    return hash === `hash(${password})`;
  }
}

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-03-02T08:30:00.000Z');
  }
}

const owner = { accountId: 'owner-1', email: 'claire.martin@example.fr', displayName: 'Dr Claire Martin' };
const grant: GrantToProvision = { delegationId: 'del-1', ownerId: owner.accountId, granteeEmail: 'Secretariat@Example.fr', role: 'secretary', cabinetIds: ['cab-1'] };
const cause = { eventId: 'evt-1', correlationId: 'corr-1' };

const settings: IdentitySettings = { refreshTokenTtlSeconds: 3600, publicUrl: 'https://osteo.example.fr' };

function temporaryPasswordIn(message: MailMessage): string {
  const match = new RegExp(`^(?:${temporaryPasswordLabels.join('|')})\\n(\\S+)$`, 'm').exec(message.text);
  if (!match) throw new Error(`no temporary password in:\n${message.text}`);
  return match[1];
}

describe('provisioning the grantee of a delegation', () => {
  let store: EventStore;
  let mailer: RecordingMailer;
  let reservations: EmailReservations;
  let accounts: AccountLookup;
  let provision: ProvisionGranteeHandler;

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    mailer = new RecordingMailer();
    reservations = new EmailReservations(store, EmailDigests.withKey('an e-mail digest key of at least thirty-two bytes'));
    accounts = new AccountLookup(store, reservations);
    const readStore = new InMemoryReadStore();
    // What identity's access projection holds of the owner's practices.
    await readStore.collection(ACCESS_CABINETS).insertOne({ _id: 'cab-1', cabinetId: 'cab-1', ownerId: owner.accountId, name: 'Cabinet des Lilas', address: null, closed: false, colleagueIds: [] });
    const accessReader = new AccessReader(readStore);
    provision = new ProvisionGranteeHandler(store, accounts, reservations, new VisibleHasher(), mailer, new FixedClock(), settings, accessReader);
    await register({ ...owner, kind: 'main', passwordHash: 'hash(owner password)', mustChangePassword: false });
  });

  afterEach(() => store.close());

  /** Writes an account as registration or an earlier provisioning would have. */
  async function register(account: typeof owner & { kind: 'main' | 'specific'; passwordHash: string; mustChangePassword: boolean; provisionedForDelegationId?: string }) {
    const metadata = { now: new Date() };
    await reservations.reserve(account.email, account.accountId, metadata);
    await handleCommand(store, accountStreamId(account.accountId), accountDecider, { type: 'RegisterAccount', data: account, metadata });
  }

  async function eventTypes(): Promise<string[]> {
    return (await store.readAll()).map((event) => event.type);
  }

  it('given an unknown e-mail, creates a specific account and mails it a temporary password that its hash accepts', async () => {
    await provision.execute(grant, cause);

    const grantee = await accounts.byEmail('secretariat@example.fr');
    expect(grantee).toMatchObject({ kind: 'specific', mustChangePassword: true, displayName: 'secretariat@example.fr', provisionedForDelegationId: 'del-1' });
    expect(mailer.sent).toHaveLength(1);
    const [mail] = mailer.sent;
    // In French: the owner never chose a language.
    expect(mail).toMatchObject({ to: 'secretariat@example.fr', subject: 'Dr Claire Martin vous a donné accès à la plateforme Osteo' });
    expect(mail.text).toContain('Dr Claire Martin vous a donné accès en tant que secrétaire');
    expect(mail.text).toContain('Cabinets : Cabinet des Lilas\n');
    expect(mail.text).toContain('\nhttps://osteo.example.fr/connexion\n');
    expect(mail.html).toContain('href="https://osteo.example.fr/connexion"');
    expect(grantee!.passwordHash).toBe(`hash(${temporaryPasswordIn(mail)})`);
    expect(await eventTypes()).toEqual(['EmailReserved', 'AccountRegistered', 'EmailReserved', 'AccountRegistered', 'GranteeMailed']);

    const recorded = (await store.readStream('provisioning-del-1'))[0];
    expect(recorded.metadata).toMatchObject({ actorId: owner.accountId, causationId: 'evt-1', correlationId: 'corr-1' });
  });

  it('writes to the new account in its owner\'s language, which the account keeps until its holder chooses', async () => {
    await handleCommand(store, accountStreamId(owner.accountId), accountDecider, { type: 'ChooseLanguage', data: { language: 'en' }, metadata: { now: new Date() } });

    await provision.execute(grant, cause);

    expect(mailer.sent[0].subject).toBe('Dr Claire Martin gave you access to the Osteo platform');
    expect(mailer.sent[0].text).toContain('Dr Claire Martin gave you access as a secretary on the Osteo platform.\n\nPractices: Cabinet des Lilas\n');
    expect(await accounts.byEmail('secretariat@example.fr')).toMatchObject({ language: 'en' });
  });

  it('given a grant whose address reads erased (written for an account erased meanwhile), creates nothing and mails nobody', async () => {
    const before = await eventTypes();

    await provision.execute({ ...grant, granteeEmail: ERASED }, cause);

    expect(mailer.sent).toEqual([]);
    expect(await eventTypes()).toEqual(before);
  });

  it('given the grant already handled, does nothing', async () => {
    await provision.execute(grant, cause);
    const before = await eventTypes();

    await provision.execute(grant, { ...cause, eventId: 'evt-1-redelivered' });

    expect(mailer.sent).toHaveLength(1);
    expect(await eventTypes()).toEqual(before);
  });

  it('given an account created but never mailed (the mail failed), mails a new temporary password on the next delivery', async () => {
    mailer.failNext = true;
    await expect(provision.execute(grant, cause)).rejects.toThrow('SMTP server unreachable');
    expect(await eventTypes()).not.toContain('GranteeMailed');

    await provision.execute(grant, cause);

    const grantee = await accounts.byEmail('secretariat@example.fr');
    expect(mailer.sent).toHaveLength(1);
    expect(grantee).toMatchObject({ mustChangePassword: true, passwordHash: `hash(${temporaryPasswordIn(mailer.sent[0])})` });
    expect(await eventTypes()).toEqual(['EmailReserved', 'AccountRegistered', 'EmailReserved', 'AccountRegistered', 'TemporaryPasswordIssued', 'GranteeMailed']);
  });

  it('given its mail delivered but not recorded, and the holder already on their own password, only records it', async () => {
    const grantee = { accountId: 'grantee-1', email: 'secretariat@example.fr', displayName: 'secretariat@example.fr' };
    await register({ ...grantee, kind: 'specific', passwordHash: 'hash(temporary)', mustChangePassword: true, provisionedForDelegationId: 'del-1' });
    await handleCommand(store, accountStreamId(grantee.accountId), accountDecider, {
      type: 'ChangePassword',
      data: { newPasswordHash: 'hash(my own passphrase)', verifiedAgainstHash: 'hash(temporary)' },
      metadata: { now: new Date() },
    });

    await provision.execute(grant, cause);

    expect(mailer.sent).toEqual([]);
    expect(await accounts.byId(grantee.accountId)).toMatchObject({ account: { passwordHash: 'hash(my own passphrase)' } });
    expect((await store.readStream('provisioning-del-1')).map((event) => event.data)).toEqual([
      { delegationId: 'del-1', accountId: grantee.accountId, mail: 'temporary-password', mailedAt: '2026-03-02T08:30:00.000Z' },
    ]);
  });

  it('given a known e-mail, mails a notice of the access and creates no account', async () => {
    await register({ accountId: 'grantee-1', email: 'secretariat@example.fr', displayName: 'Sophie', kind: 'specific', passwordHash: 'hash(x)', mustChangePassword: false });
    // The notice goes in the grantee's own language, not the owner's.
    await handleCommand(store, accountStreamId('grantee-1'), accountDecider, { type: 'ChooseLanguage', data: { language: 'en' }, metadata: { now: new Date() } });
    const before = await eventTypes();

    await provision.execute({ ...grant, role: 'accountant', cabinetIds: ['cab-1', 'cab-not-projected-yet'] }, cause);

    expect(mailer.sent).toEqual([
      expect.objectContaining({
        to: 'secretariat@example.fr',
        subject: 'Dr Claire Martin gave you access on the Osteo platform',
        text: expect.stringContaining('Dr Claire Martin gave you access as an accountant on the Osteo platform.\n\nPractices: Cabinet des Lilas\n'),
      }),
    ]);
    for (const label of temporaryPasswordLabels) expect(mailer.sent[0].text).not.toContain(label);
    expect(await eventTypes()).toEqual([...before, 'GranteeMailed']);
  });
});
