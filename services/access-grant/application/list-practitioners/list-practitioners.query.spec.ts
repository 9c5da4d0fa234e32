import { AccessReader, accessProjections } from '@osteo/auth';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { ProjectionRunner, type DocumentProjection } from '@osteo/messaging';
import { Clock } from '@osteo/platform';
import { InMemoryReadStore } from '@osteo/read-store';
import { AccessHistory } from '../../../../libs/auth/access/test-support/access-history';
import { AccountNames, accountNamesProjection } from '../account-names/account-names';
import { ListPractitionersQuery } from './list-practitioners.query';

const NOW = new Date('2025-03-14T10:00:00.000Z');
const ANNE = 'anne';
const CAMILLE = 'camille';
const SAM = 'sam';
const SACHA = 'sacha';
const SEB = 'seb';
const ALEX = 'alex';
const BRUNO = 'bruno';

const history = new AccessHistory()
  .cabinetOpened('a1', ANNE)
  .cabinetOpened('a2', ANNE)
  .cabinetOpened('b1', BRUNO)
  .colleagueInvited('a1', ANNE, CAMILLE)
  .colleagueJoined('a1', ANNE, CAMILLE)
  .delegationGranted('d-sam', { ownerId: ANNE, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['a1'], retrocessionBasisPoints: 3000 })
  // A replacement that ended yesterday, and one in another cabinet: neither practises in a1 today.
  .delegationGranted('d-sacha', { ownerId: ANNE, granteeAccountId: SACHA, role: 'substitute', cabinetIds: ['a1'], retrocessionBasisPoints: 3000, endsOn: '2025-03-13' })
  .delegationGranted('d-other', { ownerId: ANNE, granteeAccountId: 'other', role: 'substitute', cabinetIds: ['a2'], retrocessionBasisPoints: 3000 })
  // Secretaries and accountants do not practise.
  .delegationGranted('d-seb', { ownerId: ANNE, granteeAccountId: SEB, role: 'secretary', cabinetIds: ['a1'] })
  .delegationGranted('d-alex', { ownerId: ANNE, granteeAccountId: ALEX, role: 'accountant', cabinetIds: ['a1'] });

const accountRegistered = (accountId: string, displayName: string, index: number): IntegrationEnvelope => ({
  eventId: `account-${index}`,
  type: 'AccountRegistered',
  version: 1,
  streamId: `account-${accountId}`,
  revision: 0,
  occurredAt: NOW.toISOString(),
  actorId: null,
  correlationId: null,
  causationId: null,
  data: { accountId, email: `${accountId}@example.fr`, displayName, kind: 'main', mustChangePassword: false },
});

async function given(envelopes: readonly IntegrationEnvelope[]) {
  const readStore = new InMemoryReadStore();
  const runner = new ProjectionRunner(readStore, [...accessProjections, accountNamesProjection] as DocumentProjection[]);
  for (const envelope of envelopes) await runner.apply(envelope);
  const clock: Clock = { now: () => NOW };
  const query = new ListPractitionersQuery(new AccessReader(readStore, () => NOW), new AccountNames(readStore), clock);
  return { query, apply: async (envelope: IntegrationEnvelope) => runner.apply(envelope) };
}

/** What the caller is told: 'allowed', or the rejection's kind (the HTTP edge makes not_found a 404, forbidden a 403). */
const outcome = (promise: Promise<unknown>) => promise.then(() => 'allowed', (error: { kind?: string }) => error.kind);

describe('the practitioners of a cabinet', () => {
  it('given an owner, a colleague and substitutes, when a secretary asks, then the owner, the colleague and the substitute in force today, names not known yet', async () => {
    const { query } = await given(history.envelopes);

    expect(await query.execute(SEB, 'a1')).toEqual([
      { accountId: ANNE, displayName: null, role: 'owner' },
      { accountId: CAMILLE, displayName: null, role: 'colleague' },
      { accountId: SAM, displayName: null, role: 'substitute' },
    ]);
  });

  it('when identity’s account events arrive, then the names appear, and the same people are listed', async () => {
    const { query, apply } = await given(history.envelopes);
    await apply(accountRegistered(ANNE, 'Dr Anne Roux', 0));
    await apply(accountRegistered(SAM, 'Sam Lefèvre', 1));

    expect(await query.execute(SAM, 'a1')).toEqual([
      { accountId: ANNE, displayName: 'Dr Anne Roux', role: 'owner' },
      { accountId: CAMILLE, displayName: null, role: 'colleague' },
      { accountId: SAM, displayName: 'Sam Lefèvre', role: 'substitute' },
    ]);
  });

  it('answers 403 to an accountant of the cabinet (neither appointments nor patients), 404 outside every cabinet the caller sees', async () => {
    const { query } = await given(history.envelopes);

    expect(await outcome(query.execute(ALEX, 'a1'))).toBe('forbidden');
    expect(await outcome(query.execute(BRUNO, 'a1'))).toBe('not_found');
    expect(await outcome(query.execute(SACHA, 'a1'))).toBe('not_found');
    expect(await outcome(query.execute(ANNE, 'b1'))).toBe('not_found');
    expect(await outcome(query.execute(CAMILLE, 'a1'))).toBe('allowed');
  });
});
