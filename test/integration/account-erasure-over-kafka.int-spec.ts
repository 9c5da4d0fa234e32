import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { EventStore } from '@osteo/event-sourcing';
import { ERASED, SubjectKeyStore } from '@osteo/personal-data';
import { AccessGrantModule } from '../../services/access-grant/access-grant.module';
import { IdentityModule } from '../../services/identity/identity.module';
import { PASSWORD, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';

/**
 * Erasing a specific account over the real Kafka and FerretDB: AccountErased travels on
 * identity.events to every process's ended sessions and to access-grant, whose keys (in
 * `personal_data_keys` of its FerretDB database) of the account and of its delegation go.
 * One test body: kafkajs loads protocol modules lazily, which Jest 30 refuses between hooks.
 */
describe('erasing a specific account over Kafka and FerretDB', () => {
  it('ends its sessions, refuses its address, and erases the keys identity and access-grant held for it', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startPlatform(profile.env);
    try {
      const anonymous = new HttpClient(platform.baseUrl);
      const email = 'zoe.quernadec@example.fr';
      const owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
      const cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
      const granted = await eventually(async () => {
        const answer = await owner.http.post('/api/v1/delegations', { email, role: 'secretary', cabinetIds: [cabinetId] });
        expect(answer.status).toBe(201);
        return answer.body.delegationId as string;
      }, 10_000);
      const secretary = await signInProvisionedAccount(anonymous, dataDir.path, email);
      await eventually(async () => expect((await secretary.http.get('/api/v1/cabinets')).body).toHaveLength(1), 10_000);
      const erasure = `/api/v1/accounts/${secretary.accountId}`;
      await eventually(async () => expect((await owner.http.delete(erasure)).status).toBe(409), 10_000);

      expect((await owner.http.delete(`/api/v1/delegations/${granted}`)).status).toBe(204);
      await eventually(async () => expect((await owner.http.delete(erasure)).status).toBe(204), 10_000);

      await eventually(async () => expect((await secretary.http.get('/api/v1/cabinets')).status).toBe(401), 10_000);
      expect((await anonymous.post('/api/v1/auth/login', { email, password: PASSWORD })).body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
      await eventually(async () => {
        const { granted: list } = (await owner.http.get('/api/v1/delegations')).body;
        expect(list).toEqual([expect.objectContaining({ delegationId: granted, granteeEmail: ERASED, granteeDisplayName: ERASED, status: 'revoked' })]);
      }, 10_000);

      const identityKeys = providerOf(platform.app, IdentityModule, SubjectKeyStore);
      const accessGrantKeys = providerOf(platform.app, AccessGrantModule, SubjectKeyStore);
      expect(await identityKeys.existingKeyFor(secretary.accountId)).toBeNull();
      // The grant was made before the account existed: under the delegation's key.
      await eventually(async () => expect(await accessGrantKeys.existingKeyFor(granted)).toBeNull(), 10_000);
      const grant = (await providerOf(platform.app, AccessGrantModule, EventStore).readAll()).find((event) => event.type === 'DelegationGranted');
      expect(grant?.data).toMatchObject({ delegationId: granted, granteeEmail: ERASED });
    } finally {
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 90_000);
});

/** The instance a service module's own ServiceInfrastructureModule provides (each service has its own). */
function providerOf<T>(app: INestApplicationContext, serviceModule: Type<unknown>, token: abstract new (...args: never[]) => T): T {
  const module = [...app.get(ModulesContainer).values()].find((candidate) => candidate.metatype === serviceModule);
  const instance = [...(module?.imports ?? [])].map((imported) => imported.providers.get(token)?.instance).find((candidate) => candidate instanceof token);
  if (instance === undefined) throw new Error(`${serviceModule.name} imports no ${token.name}`);
  return instance as T;
}
