import { randomBytes } from 'node:crypto';
import { EventStore } from '@osteo/event-sourcing';
import { ERASED } from '@osteo/personal-data';
import { runRebuildCommand } from '@osteo/platform';
import { PASSWORD, SignedIn, logIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { providerOf, stringsInFiles } from '../support/platform-internals';
import { outboxMessages, recipientOf, temporaryPasswordIn } from '../support/outbox';
import { AccessGrantModule } from '../../services/access-grant/access-grant.module';
import { IdentityModule } from '../../services/identity/identity.module';

/**
 * The right to erasure of a specific account, embedded profile: the owner whose delegation created
 * a secretary's account erases it once no delegation to it is in force. Its tokens stop working,
 * its address no longer logs in, identity's raw files hold neither its address nor its name, and
 * the owner's list shows it erased, after a rebuild and a restart too.
 */
describe('erasing a specific account, embedded profile', () => {
  const dataDir = temporaryDataDir();
  const operatorKey = randomBytes(32).toString('base64url');
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let owner: SignedIn;
  let otherOwner: SignedIn;
  let cabinetId: string;
  let otherCabinetId: string;

  const secretaryEmail = 'zoe.quernadec@example.fr';
  /** A provisioned account is named after its address, and published under its local part. */
  const secretaryTraces = [secretaryEmail, 'zoe.quernadec'];


  type Listed = { delegationId: string; granteeAccountId: string | null; granteeEmail: string; granteeDisplayName: string | null; status: string };
  const grantedBy = async (who: SignedIn, delegationId: string): Promise<Listed | undefined> =>
    ((await who.http.get('/api/v1/delegations')).body.granted as Listed[]).find((delegation) => delegation.delegationId === delegationId);

  const rebuild = async (service: string, readModel: string): Promise<void> => {
    const status = await runRebuildCommand([service, readModel], {
      env: { OPERATOR_KEY: operatorKey, OPERATOR_URL: platform.baseUrl },
      fetch,
      print: () => undefined,
      complain: (line) => expect(line).toBeUndefined(),
      pollIntervalMs: 20,
    });
    expect(status).toBe(0);
  };

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path, OPERATOR_KEY: operatorKey });
    anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
    otherOwner = await registerMainAccount(anonymous, 'other.owner@example.fr', 'Dr Hugo Bernard');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).body.cabinetId;
    otherCabinetId = (await otherOwner.http.post('/api/v1/cabinets', { name: 'Cabinet du Port' })).body.cabinetId;
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    dataDir.remove();
  });

  it('erases a secretary\'s account its owner created, once no delegation to it is in force, and only then', async () => {
    const granted = await eventually(async () => {
      const answer = await owner.http.post('/api/v1/delegations', { email: secretaryEmail, role: 'secretary', cabinetIds: [cabinetId] });
      expect(answer.status).toBe(201);
      return answer.body.delegationId as string;
    }, 30_000);
    const secretary = await signInProvisionedAccount(anonymous, dataDir.path, secretaryEmail);
    await eventually(async () => expect(await grantedBy(owner, granted)).toMatchObject({ granteeAccountId: secretary.accountId, status: 'active' }), 30_000);
    const erasure = `/api/v1/accounts/${secretary.accountId}`;

    // Another owner grants the same person a role: a delegation that person still holds.
    const othersGrant = await eventually(async () => {
      const answer = await otherOwner.http.post('/api/v1/delegations', { email: secretaryEmail, role: 'secretary', cabinetIds: [otherCabinetId] });
      expect(answer.status).toBe(201);
      return answer.body.delegationId as string;
    }, 30_000);
    await eventually(async () => expect(await grantedBy(otherOwner, othersGrant)).toMatchObject({ status: 'active' }), 30_000);
    // The typed address is stored encrypted by access-grant as by identity, from the start.
    expect(stringsInFiles(dataDir.path, 'access-grant.', secretaryTraces)).toEqual({});

    // In force: a 409, once identity's access projection knows of the delegation (a 404 before).
    await eventually(async () => expect((await owner.http.delete(erasure)).body).toMatchObject({ statusCode: 409, code: 'ACCOUNT.DELEGATION_IN_FORCE' }), 30_000);
    expect((await owner.http.delete(erasure)).status).toBe(409);
    // The account itself, and an owner who delegated to it without creating it: 403.
    expect((await secretary.http.delete(erasure)).body).toMatchObject({ statusCode: 403, code: 'ACCOUNT.ERASURE_NOT_ALLOWED' });
    expect((await otherOwner.http.delete(erasure)).body).toMatchObject({ statusCode: 403, code: 'ACCOUNT.ERASURE_NOT_ALLOWED' });
    // An owner with no delegation to it learns nothing: 404, as for an id that does not exist.
    const stranger = await registerMainAccount(anonymous, 'stranger@example.fr', 'Dr Stranger');
    expect((await stranger.http.delete(erasure)).body).toMatchObject({ statusCode: 404, code: 'ACCOUNT.NOT_FOUND' });
    expect((await owner.http.delete('/api/v1/accounts/no-such-account')).body).toMatchObject({ statusCode: 404, code: 'ACCOUNT.NOT_FOUND' });
    // A main account is never erased this way: a stranger's, or the owner's own.
    expect((await owner.http.delete(`/api/v1/accounts/${stranger.accountId}`)).status).toBe(404);
    expect((await owner.http.delete(`/api/v1/accounts/${owner.accountId}`)).status).toBe(403);

    // Every delegation revoked: erased.
    expect((await owner.http.delete(`/api/v1/delegations/${granted}`)).status).toBe(204);
    await eventually(async () => expect((await owner.http.delete(erasure)).body).toMatchObject({ statusCode: 409 }), 30_000);
    expect((await otherOwner.http.delete(`/api/v1/delegations/${othersGrant}`)).status).toBe(204);
    await eventually(async () => expect((await owner.http.delete(erasure)).status).toBe(204), 30_000);

    // Its sessions are over, in identity and in every other service; its address logs in no more.
    await eventually(async () => expect((await secretary.http.get('/api/v1/me')).status).toBe(401));
    await eventually(async () => expect((await secretary.http.get('/api/v1/cabinets')).status).toBe(401));
    const login = await anonymous.post('/api/v1/auth/login', { email: secretaryEmail, password: PASSWORD });
    expect(login.body).toMatchObject({ statusCode: 401, code: 'AUTH.INVALID_CREDENTIALS' });

    // The owner's list keeps the delegation, its grantee erased.
    const erasedGrantee = { granteeAccountId: secretary.accountId, granteeEmail: ERASED, granteeDisplayName: ERASED, status: 'revoked' };
    await eventually(async () => expect(await grantedBy(owner, granted)).toMatchObject(erasedGrantee));
    expect(await grantedBy(otherOwner, othersGrant)).toMatchObject(erasedGrantee);

    // Its key is gone: identity's own store reads its registration erased.
    const stored = (await providerOf(platform.app, IdentityModule, EventStore).readAll()).filter((event) => event.data.accountId === secretary.accountId);
    expect(stored.find((event) => event.type === 'AccountRegistered')?.data).toMatchObject({ email: ERASED, displayName: ERASED, kind: 'specific' });
    expect(stored.map((event) => event.type)).toContain('AccountErased');
    expect(secretaryTraces.filter((text) => JSON.stringify(stored).includes(text))).toEqual([]);
    // access-grant erased the keys of the grants to it (the account's, and the delegation's made before the account existed).
    await eventually(async () => {
      const grants = (await providerOf(platform.app, AccessGrantModule, EventStore).readAll()).filter((event) => event.type === 'DelegationGranted');
      expect(grants.map((event) => [event.data.delegationId, event.data.granteeEmail])).toEqual([
        [granted, ERASED],
        [othersGrant, ERASED],
      ]);
    });

    // Identity's and access-grant's raw files (events and keys) hold neither the address nor the name,
    // and no other file of DATA_DIR does (the mails sent, in DATA_DIR/outbox, are the mail server's copies).
    expect(stringsInFiles(dataDir.path, 'identity.', secretaryTraces)).toEqual({});
    expect(stringsInFiles(dataDir.path, 'access-grant.', secretaryTraces)).toEqual({});
    expect(stringsInFiles(dataDir.path, '', secretaryTraces)).toEqual({});

    // The address was freed: the same person hired again gets a new account, with nothing of the erased one.
    const rehired = (await owner.http.post('/api/v1/delegations', { email: secretaryEmail, role: 'secretary', cabinetIds: [cabinetId] })).body.delegationId as string;
    const newPassword = await eventually(() => {
      const mails = outboxMessages(dataDir.path).filter((message) => recipientOf(message) === secretaryEmail && temporaryPasswordIn(message));
      expect(mails).toHaveLength(2);
      return temporaryPasswordIn(mails[1]!)!;
    }, 30_000);
    const newAccount = anonymous.withToken(await logIn(anonymous, secretaryEmail, newPassword));
    const newAccountId = (await newAccount.get('/api/v1/me')).body.accountId as string;
    expect(newAccountId).not.toBe(secretary.accountId);
    await eventually(async () => expect(await grantedBy(owner, rehired)).toMatchObject({ granteeAccountId: newAccountId, granteeEmail: secretaryEmail, status: 'active' }), 30_000);
    expect(await grantedBy(owner, granted)).toMatchObject(erasedGrantee);

    // Rebuilt read models, then a restart (every in-memory read model replayed): still erased.
    await rebuild('identity', 'account-directory');
    await rebuild('access-grant', 'delegations');
    expect(await grantedBy(owner, granted)).toMatchObject(erasedGrantee);
    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir.path, OPERATOR_KEY: operatorKey });
    anonymous = new HttpClient(platform.baseUrl);
    owner = { ...owner, http: anonymous.withToken(await eventually(async () => logIn(anonymous, owner.email, PASSWORD), 30_000)) };
    await eventually(async () => expect(await grantedBy(owner, granted)).toMatchObject(erasedGrantee), 30_000);
    expect(await grantedBy(owner, rehired)).toMatchObject({ granteeAccountId: newAccountId, granteeEmail: secretaryEmail, status: 'active' });
    expect((await anonymous.post('/api/v1/auth/login', { email: secretaryEmail, password: PASSWORD })).body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
    expect(stringsInFiles(dataDir.path, 'identity.', secretaryTraces)).toEqual({});

    // Asked again (a retry): the same answer, nothing more recorded.
    expect((await owner.http.delete(erasure)).status).toBe(204);
  }, 180_000);
});

/** The instance a service module's own ServiceInfrastructureModule provides (each service has its own). */
