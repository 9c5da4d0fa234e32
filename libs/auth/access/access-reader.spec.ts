import { type AccessPublicEvent, Topics } from '@osteo/contracts';
import { type BusSubscription, InProcessEventBus, subscribeProjection } from '@osteo/messaging';
import { type Filter, InMemoryReadStore, ReadStore } from '@osteo/read-store';
import { ObservedReadStore } from '@osteo/read-store/observed-read-store';
import { type PrincipalAccess, can } from './access-policy';
import { ACCESS_CHANGES, ACCESS_CHANGE_MARKER_ID, accessChangeMarking } from './access-changes';
import { ACCESS_CABINETS, accessProjections } from './access-projection';
import { AccessReader } from './access-reader';
import { AccessHistory } from './test-support/access-history';

const NOW = new Date('2025-03-14T10:00:00.000Z');
const TODAY = '2025-03-14';

const ANNE = 'anne';
const SAM = 'sam';
const CAMILLE = 'camille';

/**
 * One service's access projection fed through the bus as the AccessReactor (libs/platform) wires it, marker
 * included; `deliver` resolves once the projection applied every envelope and the bus may
 * acknowledge them.
 */
class AccessProjectionFeed {
  private readonly applied = new Set<string>();
  private readonly waiting: (() => void)[] = [];
  private subscription: BusSubscription | undefined;
  readonly bus = new InProcessEventBus({ handlerRetry: { initialDelayMs: 1, maxDelayMs: 5 }, logger: { log: () => undefined } });

  constructor(private readonly readStore: ReadStore) {}

  async start(): Promise<this> {
    this.subscription = await subscribeProjection(this.bus, this.readStore, {
      groupId: 'service.read-models',
      topics: [Topics.access],
      projections: accessProjections,
      afterApplied: accessChangeMarking(this.readStore, accessProjections),
      onApplied: ({ envelope }) => {
        this.applied.add(envelope.eventId);
        for (const wake of this.waiting.splice(0)) wake();
      },
    });
    return this;
  }

  async deliver(envelopes: readonly AccessPublicEvent[]): Promise<void> {
    await this.bus.publish(Topics.access, envelopes.map((envelope) => ({ key: envelope.streamId, envelope })));
    while (!envelopes.every((envelope) => this.applied.has(envelope.eventId))) {
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.bus.close();
  }
}

/** The roles the account holds, per cabinet: what a reader of a failing test wants to see. */
function rolesByCabinet(access: PrincipalAccess): Record<string, string[]> {
  return Object.fromEntries([...access.cabinets].map(([cabinetId, standing]) => [cabinetId, [...standing.roles].sort()]));
}

describe('AccessReader keeps what it read until the access projection applies a change', () => {
  let readStore: ObservedReadStore;
  let feed: AccessProjectionFeed;
  let history: AccessHistory;
  /** What the projection has been given so far. */
  let delivered: number;

  /** Delivers what `history` recorded since the last call, and waits until it is applied. */
  async function deliverNewEvents(): Promise<void> {
    const fresh = history.envelopes.slice(delivered);
    delivered = history.envelopes.length;
    await feed.deliver(fresh);
  }

  beforeEach(async () => {
    readStore = new ObservedReadStore();
    feed = await new AccessProjectionFeed(readStore).start();
    history = new AccessHistory()
      .cabinetOpened('a1', ANNE)
      .colleagueJoined('a1', ANNE, CAMILLE)
      .delegationGranted('d1', { ownerId: ANNE, granteeAccountId: SAM, role: 'substitute', cabinetIds: ['a1'], retrocessionBasisPoints: 3000 });
    delivered = 0;
    await deliverNewEvents();
  });

  afterEach(() => feed.stop());

  describe('given each account was read once', () => {
    let reader: AccessReader;

    beforeEach(async () => {
      reader = new AccessReader(readStore, () => NOW);
      for (const accountId of [ANNE, CAMILLE, SAM]) await reader.principalAccess(accountId);
    });

    it('when it is read again, then the marker lookup is the one read-store operation, and the answer is the same', async () => {
      let access: PrincipalAccess | undefined;

      expect(await readStore.operationsOf(async () => (access = await reader.principalAccess(SAM)))).toEqual([`${ACCESS_CHANGES}.findOne`]);
      expect(rolesByCabinet(access!)).toEqual({ a1: ['substitute'] });
    });

    it('when the rate is asked, then the marker lookup answers it too; for the access just read, no operation at all', async () => {
      let rate: number | null = null;
      expect(await readStore.operationsOf(async () => (rate = await reader.retrocessionRateOf(SAM, ANNE, 'a1', NOW)))).toEqual([`${ACCESS_CHANGES}.findOne`]);
      expect(rate).toBe(3000);

      const access = await reader.principalAccess(SAM);
      expect(await readStore.operationsOf(async () => (rate = await reader.retrocessionRateFor(access, ANNE, 'a1', NOW)))).toEqual([]);
      expect(rate).toBe(3000);
    });

    it('when the delegation is revoked, then the very next call, in any instance, holds nothing through it', async () => {
      const otherInstance = new AccessReader(readStore, () => NOW);
      expect(rolesByCabinet(await otherInstance.principalAccess(SAM))).toEqual({ a1: ['substitute'] });

      history.delegationRevoked('d1', ANNE);
      await deliverNewEvents();

      expect(rolesByCabinet(await reader.principalAccess(SAM))).toEqual({});
      expect(rolesByCabinet(await otherInstance.principalAccess(SAM))).toEqual({});
    });

    it('when the cabinet is closed, then the very next call of the owner, the colleague and the delegate finds nothing there', async () => {
      history.cabinetClosed('a1', ANNE);
      await deliverNewEvents();

      for (const accountId of [ANNE, CAMILLE, SAM]) {
        expect(can(await reader.principalAccess(accountId), 'cabinet.read', { kind: 'cabinet', cabinetId: 'a1' })).toBe('not_found');
      }
    });

    it('when the colleague is removed, then their very next call holds nothing there', async () => {
      history.colleagueRemoved('a1', ANNE, CAMILLE);
      await deliverNewEvents();

      expect(rolesByCabinet(await reader.principalAccess(CAMILLE))).toEqual({});
    });

    it('when the owner opens a cabinet, then their very next call holds it: no answer outlives a change', async () => {
      history.cabinetOpened('a2', ANNE);
      await deliverNewEvents();

      expect(rolesByCabinet(await reader.principalAccess(ANNE))).toEqual({ a1: ['owner'], a2: ['owner'] });
    });

    it('when the marker write fails after the projection wrote, then the redelivery writes it before the event is acknowledged', async () => {
      let failedMarkerWrites = 0;
      readStore.before = (operation) => {
        if (operation === `${ACCESS_CHANGES}.replaceOne` && failedMarkerWrites++ === 0) throw new Error('connection lost');
      };

      history.delegationRevoked('d1', ANNE);
      await deliverNewEvents();

      expect(failedMarkerWrites).toBe(2);
      expect(rolesByCabinet(await reader.principalAccess(SAM))).toEqual({});
    });
  });

  it('when the last day of a delegation passes, then the kept documents no longer give it: dates are judged per call', async () => {
    history.delegationGranted('until-today', { ownerId: ANNE, granteeAccountId: CAMILLE, role: 'secretary', cabinetIds: ['a1'], endsOn: TODAY });
    history.colleagueRemoved('a1', ANNE, CAMILLE);
    await deliverNewEvents();
    let now = NOW;
    const reader = new AccessReader(readStore, () => now);
    expect(rolesByCabinet(await reader.principalAccess(CAMILLE))).toEqual({ a1: ['secretary'] });

    now = new Date('2025-03-15T00:00:00.000Z');

    expect(await readStore.operationsOf(async () => expect(rolesByCabinet(await reader.principalAccess(CAMILLE))).toEqual({}))).toEqual([
      `${ACCESS_CHANGES}.findOne`,
    ]);
  });

  it('when a change is applied while a call is reading documents, then what that call read is not kept', async () => {
    const reader = new AccessReader(readStore, () => NOW);
    let releaseSlowRead!: () => void;
    const slowReadReleased = new Promise<void>((release) => (releaseSlowRead = release));
    let slowReadDone!: () => void;
    const slowReadAnswered = new Promise<void>((done) => (slowReadDone = done));
    readStore.after = async (operation) => {
      if (operation !== `${ACCESS_CABINETS}.find`) return;
      readStore.after = async () => undefined;
      slowReadDone();
      await slowReadReleased;
    };

    // This call read the marker, then the cabinets while Sam was still a delegate; its answer waits.
    const slowCall = reader.principalAccess(SAM);
    await slowReadAnswered;
    history.delegationRevoked('d1', ANNE);
    await deliverNewEvents();
    // A call made meanwhile reads the new generation and keeps what it read.
    expect(rolesByCabinet(await reader.principalAccess(SAM))).toEqual({});
    releaseSlowRead();
    await slowCall;

    expect(rolesByCabinet(await reader.principalAccess(SAM))).toEqual({});
  });

  it('keeps at most the accounts it was told to: the one read longest ago is read again', async () => {
    const reader = new AccessReader(readStore, () => NOW, 2);
    for (const accountId of [ANNE, CAMILLE, SAM]) await reader.principalAccess(accountId);

    expect(await readStore.operationsOf(() => reader.principalAccess(SAM))).toHaveLength(1);
    expect((await readStore.operationsOf(() => reader.principalAccess(ANNE))).length).toBeGreaterThan(1);
  });

  it('when no access event was ever applied, then there is no marker and documents are kept all the same', async () => {
    const emptyStore = new ObservedReadStore();
    const reader = new AccessReader(emptyStore, () => NOW);
    expect(rolesByCabinet(await reader.principalAccess(ANNE))).toEqual({});

    expect(await emptyStore.operationsOf(() => reader.principalAccess(ANNE))).toEqual([`${ACCESS_CHANGES}.findOne`]);
  });
});

describe('accessChangeMarking', () => {
  const history = new AccessHistory().cabinetOpened('a1', ANNE);
  const accessEvent = history.envelopes[0]!;
  const message = (envelope: AccessPublicEvent | typeof otherEvent) => ({ topic: Topics.access, key: 'k', envelope, headers: {}, partition: 0, offset: '0' });
  const otherEvent = { ...accessEvent, eventId: 'booked-1', type: 'AppointmentBooked' } as unknown as AccessPublicEvent;
  const marker = (readStore: ReadStore) => readStore.collection(ACCESS_CHANGES).findOne({ _id: ACCESS_CHANGE_MARKER_ID } satisfies Filter);

  it('moves the marker to a new generation after each access event, the same one delivered again included', async () => {
    const readStore = new InMemoryReadStore();
    const markAfter = accessChangeMarking(readStore, accessProjections);

    await markAfter(message(accessEvent));
    const first = await marker(readStore);
    await markAfter(message(accessEvent));
    const second = await marker(readStore);

    expect(first).toMatchObject({ changedBy: accessEvent.eventId });
    expect(second).toMatchObject({ changedBy: accessEvent.eventId });
    expect(second!.generation).not.toBe(first!.generation);
  });

  it('leaves the marker alone for an event no access projection handles, or a subscription without them', async () => {
    const readStore = new InMemoryReadStore();

    await accessChangeMarking(readStore, accessProjections)(message(otherEvent));
    await accessChangeMarking(readStore, [])(message(accessEvent));

    expect(await marker(readStore)).toBeNull();
  });
});
