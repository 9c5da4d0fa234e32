import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EndedSessions } from '@osteo/auth';
import { Topics } from '@osteo/contracts';
import { type BusSubscription, EventBus } from '@osteo/messaging';
import { BusProbe } from './observability/bus-probe';
import { ReadinessChecks } from './observability/readiness-checks';
import { PublishersInProcess } from './publishers-in-process';

/** How often the replay at start is checked for its end. */
const REPLAY_CHECK_INTERVAL_MS = 50;

/**
 * Feeds this process's EndedSessions (libs/auth) with identity.events. Its own consumer group,
 * new at each start and read from the beginning: every replica of every service must learn every
 * end (a shared group would split them), and a restarted process must learn again the ends from
 * before it started, its memory being gone. A Kafka group left behind is dropped by the broker
 * once its offsets expire (offsets.retention.minutes).
 *
 * The guard waits until the history this process started with has been learnt: every publisher
 * in the process caught up, then nothing left for the group to apply. Readiness says so too.
 */
@Injectable()
export class EndedSessionsReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: BusSubscription | null = null;
  private readonly stopping = new AbortController();
  private replayed = false;

  constructor(
    private readonly endedSessions: EndedSessions,
    private readonly bus: EventBus,
    private readonly probe: BusProbe,
    private readonly publishers: PublishersInProcess,
    readiness: ReadinessChecks,
  ) {
    readiness.register('ended-sessions', async () => {
      if (!this.replayed) throw new Error('identity.events not replayed yet: ended sessions unknown');
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const groupId = `ended-sessions.${randomUUID()}`;
    this.subscription = await this.bus.subscribe({
      groupId,
      topics: [Topics.identity],
      fromBeginning: true,
      handle: async ({ envelope }) => this.endedSessions.learn(envelope),
    });
    this.endedSessions.replayedBy(this.untilReplayed(groupId));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.close();
  }

  private async untilReplayed(groupId: string): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.publishers.publishedUpToNow();
        const lag = await this.probe.consumerLag([{ groupId, topics: [Topics.identity] }]);
        if (lag.length > 0 && lag.every((backlog) => backlog.messages === 0)) {
          this.replayed = true;
          return;
        }
      } catch {
        // The bus or a store not reachable yet: readiness reports it; try again.
      }
      await sleep(REPLAY_CHECK_INTERVAL_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }
}
