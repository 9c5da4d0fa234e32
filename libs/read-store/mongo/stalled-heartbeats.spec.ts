import { EventEmitter } from 'node:events';
import { type HeartbeatStall, StalledHeartbeatWatch } from './stalled-heartbeats';

/** The driver's client as the watch sees it: heartbeat events named by the server's address. */
const ADDRESS = '127.0.0.1:37017';
const BOUNDS = { connectTimeoutMS: 5_000, heartbeatFrequencyMS: 10_000 };

describe('StalledHeartbeatWatch', () => {
  let client: EventEmitter;
  let stalls: HeartbeatStall[];
  let watch: StalledHeartbeatWatch;

  beforeEach(() => {
    jest.useFakeTimers();
    client = new EventEmitter();
    stalls = [];
    watch = new StalledHeartbeatWatch(client, BOUNDS, (stall) => stalls.push(stall));
  });

  afterEach(() => {
    watch.stop();
    jest.useRealTimers();
  });

  const started = (awaited = false) => client.emit('serverHeartbeatStarted', { connectionId: ADDRESS, awaited });

  it('given a polling heartbeat that never ends, when twice connectTimeoutMS and a second have passed, then it reports the server stalled, once', () => {
    started();
    jest.advanceTimersByTime(10_999);
    expect(stalls).toEqual([]);

    jest.advanceTimersByTime(1);
    expect(stalls).toEqual([{ address: ADDRESS, stalledForMs: 11_000 }]);

    jest.advanceTimersByTime(60_000);
    expect(stalls).toHaveLength(1);
  });

  it('given heartbeats that succeed or fail within their bound, then nothing is reported, however long it runs', () => {
    for (let beat = 0; beat < 20; beat++) {
      started();
      jest.advanceTimersByTime(9_000);
      client.emit(beat % 2 === 0 ? 'serverHeartbeatSucceeded' : 'serverHeartbeatFailed', { connectionId: ADDRESS, awaited: false });
      jest.advanceTimersByTime(10_000);
    }
    expect(stalls).toEqual([]);
  });

  it('given a streaming heartbeat, then it may wait heartbeatFrequencyMS on top of connectTimeoutMS before counting as stalled', () => {
    started(true);
    jest.advanceTimersByTime(15_999);
    expect(stalls).toEqual([]);

    jest.advanceTimersByTime(1);
    expect(stalls).toEqual([{ address: ADDRESS, stalledForMs: 16_000 }]);
  });

  it('given the watch stopped (the connection closed or replaced), then a heartbeat left hanging is not reported', () => {
    started();
    watch.stop();
    jest.advanceTimersByTime(60_000);
    client.emit('serverHeartbeatStarted', { connectionId: ADDRESS, awaited: false });
    jest.advanceTimersByTime(60_000);
    expect(stalls).toEqual([]);
  });

  it('given two servers, then only the one whose heartbeat hangs is reported', () => {
    const other = '127.0.0.1:37018';
    started();
    client.emit('serverHeartbeatStarted', { connectionId: other, awaited: false });
    jest.advanceTimersByTime(5_000);
    client.emit('serverHeartbeatSucceeded', { connectionId: ADDRESS, awaited: false });
    jest.advanceTimersByTime(6_000);
    expect(stalls).toEqual([{ address: other, stalledForMs: 11_000 }]);
  });
});
