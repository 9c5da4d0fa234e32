/**
 * The adapter's own delivery loop, fed by a stand-in for the client's subscription stream. It
 * says nothing about EventStoreDB itself: only the contract suite against a server does.
 */
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import type { RecordedEvent } from '../event-store';
import { StreamNamespace } from './eventstoredb-mapping';
import { EventStoreDbSubscription, type EsdbAllSubscription } from './eventstoredb-subscription';

const namespace = new StreamNamespace('identity');

class StandInSource extends PassThrough implements EsdbAllSubscription {
  readonly unsubscribe = jest.fn(async () => undefined);

  constructor() {
    super({ objectMode: true });
  }

  send(type: string, streamId: string, commit: bigint): void {
    const event = {
      streamId,
      id: `id-${commit}`,
      isJson: true,
      revision: 0n,
      type,
      created: new Date(0),
      data: {},
      metadata: undefined,
      position: { commit, prepare: commit },
    };
    this.write({ event, commitPosition: commit } as AllStreamResolvedEvent);
  }
}

describe('EventStoreDbSubscription', () => {
  it('delivers one event at a time, skipping system events, other services\' events and those at or before `after`', async () => {
    const source = new StandInSource();
    const delivered: string[] = [];
    const streams: string[] = [];
    let running = 0;
    const subscription = new EventStoreDbSubscription(source, {
      after: { commit: 20n, prepare: 20n },
      namespace,
      onEvent: async (event: RecordedEvent) => {
        running += 1;
        expect(running).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 5));
        delivered.push(event.type);
        streams.push(event.streamId);
        running -= 1;
      },
      onError: (error) => {
        throw error;
      },
      onStopped: () => undefined,
    });

    source.send('AtAfter', 'identity.account-1', 20n);
    source.send('First', 'identity.account-1', 30n);
    source.send('$metadata', '$$identity.account-1', 40n);
    source.send('OfPlanning', 'planning.agenda-1', 45n);
    source.send('Second', 'identity.account-2', 50n);
    await waitUntil(() => delivered.length === 2);
    await subscription.close();

    expect(delivered).toEqual(['First', 'Second']);
    expect(streams).toEqual(['account-1', 'account-2']);
    expect(source.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('closes while the source stays open, once the handler in progress has returned', async () => {
    const source = new StandInSource();
    let handlerFinished = false;
    const stopped = jest.fn();
    const subscription = new EventStoreDbSubscription(source, {
      after: undefined,
      namespace,
      onEvent: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        handlerFinished = true;
      },
      onError: () => undefined,
      onStopped: stopped,
    });
    source.send('Slow', 'identity.account-1', 1n);
    await new Promise((resolve) => setTimeout(resolve, 10));

    await subscription.close();

    expect(handlerFinished).toBe(true);
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it('stops at a failing handler, reports its error once and unsubscribes', async () => {
    const source = new StandInSource();
    const failure = new Error('publish failed');
    const reported: unknown[] = [];
    const handled: string[] = [];
    new EventStoreDbSubscription(source, {
      after: undefined,
      namespace,
      onEvent: async (event) => {
        handled.push(event.type);
        throw failure;
      },
      onError: (error) => reported.push(error),
      onStopped: () => undefined,
    });

    source.send('Poison', 'identity.account-1', 1n);
    source.send('Never', 'identity.account-1', 2n);
    await waitUntil(() => reported.length === 1);

    expect(reported).toEqual([failure]);
    expect(handled).toEqual(['Poison']);
    expect(source.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('reports a subscription the server ended', async () => {
    const source = new StandInSource();
    const reported: unknown[] = [];
    new EventStoreDbSubscription(source, {
      after: undefined,
      namespace,
      onEvent: async () => undefined,
      onError: (error) => reported.push(error),
      onStopped: () => undefined,
    });

    source.end();
    await waitUntil(() => reported.length === 1);

    expect(String(reported[0])).toMatch(/ended the subscription/);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
