import { EndedSessions } from '@osteo/auth';
import { type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { InProcessEventBus } from '@osteo/messaging';
import { HealthIndicatorService } from '@nestjs/terminus';
import { EndedSessionsReactor } from './ended-sessions.reactor';
import { InProcessBusProbe } from './observability/bus-probe';
import { ReadinessChecks } from './observability/readiness-checks';
import { PublishersInProcess } from './publishers-in-process';

const sessionEnded = (sessionId: string): IntegrationEnvelope => ({
  eventId: `ended-${sessionId}`,
  type: 'SessionEnded',
  version: 1,
  streamId: `session-${sessionId}`,
  revision: 1,
  occurredAt: new Date().toISOString(),
  actorId: 'acc-claire',
  correlationId: null,
  causationId: null,
  data: { sessionId, accountId: 'acc-claire', reason: 'logged-out' },
});
const tokenOf = (sessionId: string) => ({ sessionId, accountId: 'acc-claire', issuedAtMs: Date.now() - 60_000 });

/**
 * A process starting on the in-process bus, as the embedded profile does: identity's publisher
 * publishes its store again while the guard may already be asked about a token.
 */
describe('EndedSessionsReactor', () => {
  let bus: InProcessEventBus;
  let reactor: EndedSessionsReactor;
  afterEach(async () => {
    await reactor.onModuleDestroy();
    await bus.close();
  });

  it('given identity’s publisher still publishing at start, holds the verdict until it published and every end was learnt', async () => {
    bus = new InProcessEventBus();
    const endedSessions = new EndedSessions(16 * 60_000);
    const publishers = new PublishersInProcess();
    let publishStore!: () => Promise<void>;
    const published = new Promise<void>((resolve) => {
      publishStore = async () => {
        await bus.publish(Topics.identity, [{ key: 'session-s-1', envelope: sessionEnded('s-1') }]);
        resolve();
      };
    });
    publishers.register(() => published);
    reactor = new EndedSessionsReactor(endedSessions, bus, new InProcessBusProbe(bus), publishers, new ReadinessChecks(new HealthIndicatorService()));
    await reactor.onApplicationBootstrap();

    let verdict: boolean | undefined;
    const asked = endedSessions.whenReplayed().then(() => (verdict = endedSessions.hasEnded(tokenOf('s-1'))));
    // The gate waits on the publisher first: nothing can settle it meanwhile, whatever the turns.
    for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(verdict).toBeUndefined();

    await publishStore();
    await asked;
    expect(verdict).toBe(true);
  });

  it('learns the ends published later, live', async () => {
    bus = new InProcessEventBus();
    const endedSessions = new EndedSessions(16 * 60_000);
    reactor = new EndedSessionsReactor(endedSessions, bus, new InProcessBusProbe(bus), new PublishersInProcess(), new ReadinessChecks(new HealthIndicatorService()));
    await reactor.onApplicationBootstrap();
    await endedSessions.whenReplayed();

    await bus.publish(Topics.identity, [{ key: 'session-s-2', envelope: sessionEnded('s-2') }]);

    // Delivered on a later turn, as a broker would.
    for (let turn = 0; !endedSessions.hasEnded(tokenOf('s-2')) && turn < 100; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(endedSessions.hasEnded(tokenOf('s-2'))).toBe(true);
  });
});
