import type { EventEmitter } from 'node:events';

/**
 * Tells when the driver's monitoring of a server has hung: a heartbeat started and neither
 * succeeded nor failed within the time the driver itself gives it.
 *
 * Why this is needed: the mongodb driver (7.x) sometimes writes a monitoring `hello` on a socket
 * that the server has just closed but whose `close` event is not yet out. The write returns
 * false and the driver waits for a `drain` that never comes, so that heartbeat never ends, the
 * monitor never checks again, and the server it marked Unknown (after the failed operation that
 * started the check) stays Unknown: every later operation fails server selection, for as long as
 * the process lives. A server that announces a `topologyVersion` (MongoDB 4.4+) gets the monitor
 * reset on the network error, which ends the hung check; FerretDB v1 announces none. FerretDB
 * closes every connection at once 3 s after a SIGTERM, and under load about one restart in five
 * then hangs the monitor; the fault suite's case (c) (test/faults/ledger-under-faults.e2e-spec.ts)
 * failed about one run in ten that way. docs/operations.md, "When the read database restarts".
 *
 * The bound: a polling heartbeat opens a connection (connectTimeoutMS) and waits for its
 * handshake (connectTimeoutMS again); a streaming one waits on an open connection for up to
 * heartbeatFrequencyMS more than connectTimeoutMS. One that outlives its bound (and a second of
 * slack) will never end.
 */
export class StalledHeartbeatWatch {
  /** Per server address, the timer of the heartbeat in progress. */
  private readonly inProgress = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly client: EventEmitter,
    private readonly bounds: HeartbeatBounds,
    private readonly onStalled: (stall: HeartbeatStall) => void,
  ) {
    client.on('serverHeartbeatStarted', this.started);
    client.on('serverHeartbeatSucceeded', this.ended);
    client.on('serverHeartbeatFailed', this.ended);
  }

  stop(): void {
    this.stopped = true;
    this.client.off('serverHeartbeatStarted', this.started);
    this.client.off('serverHeartbeatSucceeded', this.ended);
    this.client.off('serverHeartbeatFailed', this.ended);
    for (const timer of this.inProgress.values()) clearTimeout(timer);
    this.inProgress.clear();
  }

  private readonly started = ({ connectionId: address, awaited }: HeartbeatEvent): void => {
    if (this.stopped) return;
    clearTimeout(this.inProgress.get(address));
    const { connectTimeoutMS, heartbeatFrequencyMS } = this.bounds;
    const boundMs = (awaited ? connectTimeoutMS + heartbeatFrequencyMS : 2 * connectTimeoutMS) + STALL_SLACK_MS;
    const timer = setTimeout(() => {
      this.inProgress.delete(address);
      if (!this.stopped) this.onStalled({ address, stalledForMs: boundMs });
    }, boundMs);
    // Watching must not keep a process alive that has nothing else to do.
    timer.unref();
    this.inProgress.set(address, timer);
  };

  private readonly ended = ({ connectionId: address }: HeartbeatEvent): void => {
    clearTimeout(this.inProgress.get(address));
    this.inProgress.delete(address);
  };
}

export interface HeartbeatBounds {
  readonly connectTimeoutMS: number;
  readonly heartbeatFrequencyMS: number;
}

export interface HeartbeatStall {
  /** The server whose heartbeat hung (`host:port`). */
  readonly address: string;
  readonly stalledForMs: number;
}

/** The driver's ServerHeartbeat*Event: `connectionId` is the server's address. */
interface HeartbeatEvent {
  readonly connectionId: string;
  readonly awaited?: boolean;
}

const STALL_SLACK_MS = 1_000;
