import { Logger, type LoggerService, type OnApplicationShutdown } from '@nestjs/common';
import { PDU, connect, consts, errors, type Session } from 'smpp';
import { SmsSender, type SmsMessage } from './sms-sender';
import { assertE164, smsPayloadOf } from './sms-payload';

export interface SmppSettings {
  /** `smpp://system_id:password@host:port` (`ssmpp://` for TLS; ports 2775 and 3550 by default). */
  readonly url: string;
  /** The sender phones show: an E.164 number, or up to 11 letters and digits; null leaves it to the aggregator. */
  readonly from: string | null;
  /** How long the server may take to answer a bind or a submit before the session is dropped. */
  readonly responseTimeoutMs?: number;
  /** How often an idle session asks the server whether it is still there (enquire_link). */
  readonly enquireLinkPeriodMs?: number;
}

/** The SMPP server answered with an error status: the message was not taken. */
export class SmppRefusalError extends Error {
  readonly statusName: string;

  constructor(
    readonly operation: 'bind' | 'submit',
    readonly status: number,
    description: string,
  ) {
    const statusName = Object.entries(errors).find(([, code]) => code === status)?.[0] ?? 'unknown status';
    super(`${description}: ${statusName} (0x${status.toString(16).padStart(8, '0')})`);
    this.name = 'SmppRefusalError';
    this.statusName = statusName;
  }
}

/** Nothing was written: the session was gone before the request left. Safe to send again. */
class SessionUnavailableError extends Error {}

const ALPHANUMERIC_SENDER = /^[A-Za-z0-9 ]{1,11}$/;

/**
 * SMS through an SMPP aggregator (the distributed profile). One session, bound as a transmitter
 * when the first message goes and kept open (SMPP servers expect long-lived sessions and limit
 * binds); several submits may wait for their answers at once. A dropped session is opened again by
 * the next message. A message whose session dropped after it was written fails: whether the server
 * took it is unknown, and the caller decides whether to send it again.
 */
export class SmppSmsSender extends SmsSender implements OnApplicationShutdown {
  private session: BoundSmppSession | null = null;
  private opening: Promise<BoundSmppSession> | null = null;
  private closing = false;
  private readonly target: SmppTarget;

  constructor(
    private readonly settings: SmppSettings,
    private readonly logger: Pick<LoggerService, 'log' | 'warn'> = new Logger('sms'),
  ) {
    super();
    this.target = smppTargetOf(settings.url);
    if (settings.from !== null && !ALPHANUMERIC_SENDER.test(settings.from)) assertE164(settings.from);
  }

  /** Whether a bound session is open now (one is opened by the next message otherwise). */
  get connected(): boolean {
    return this.session?.usable ?? false;
  }

  async send(message: SmsMessage): Promise<void> {
    assertE164(message.to);
    const submit = this.submitSmOf(message);
    const response = await this.submit(submit).catch((error: unknown) => {
      if (error instanceof SessionUnavailableError) return this.submit(submit);
      throw error;
    });
    if (response.command_status !== errors.ESME_ROK) {
      throw new SmppRefusalError('submit', response.command_status, `The SMPP server refused the SMS ${message.reference}`);
    }
    this.logger.log(`SMS ${message.reference} accepted by the SMPP server as ${response.message_id}`);
  }

  /** Unbinds and closes the session, if one is open; a send after this opens none. */
  async close(): Promise<void> {
    this.closing = true;
    await this.opening?.catch(() => null);
    await this.session?.unbindAndClose();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private async submit(submit: Record<string, unknown>): Promise<PDU> {
    const session = await this.boundSession();
    return session.request('submit_sm', submit);
  }

  /** The open session, or a new one; messages that come while it opens wait for that one. */
  private async boundSession(): Promise<BoundSmppSession> {
    if (this.closing) throw new Error('The SMPP sender is closed');
    if (this.session?.usable) return this.session;
    this.opening ??= BoundSmppSession.open(this.target, {
      responseTimeoutMs: this.settings.responseTimeoutMs ?? 10_000,
      enquireLinkPeriodMs: this.settings.enquireLinkPeriodMs ?? 30_000,
      logger: this.logger,
    })
      .then((session) => (this.session = session))
      .finally(() => (this.opening = null));
    return this.opening;
  }

  private submitSmOf(message: SmsMessage): Record<string, unknown> {
    const payload = smsPayloadOf(message.text);
    const from = this.settings.from;
    const source =
      from === null
        ? { source_addr_ton: consts.TON.UNKNOWN, source_addr_npi: consts.NPI.UNKNOWN, source_addr: '' }
        : ALPHANUMERIC_SENDER.test(from)
          ? { source_addr_ton: consts.TON.ALPHANUMERIC, source_addr_npi: consts.NPI.UNKNOWN, source_addr: from }
          : { source_addr_ton: consts.TON.INTERNATIONAL, source_addr_npi: consts.NPI.ISDN, source_addr: from.slice(1) };
    return {
      ...source,
      dest_addr_ton: consts.TON.INTERNATIONAL,
      dest_addr_npi: consts.NPI.ISDN,
      destination_addr: message.to.slice(1),
      data_coding: payload.dataCoding,
      // A text longer than one SMS goes whole in message_payload; the server splits it for the phone.
      ...(payload.fitsOneMessage ? { short_message: payload.octets } : { short_message: Buffer.alloc(0), message_payload: payload.octets }),
    };
  }
}

interface SmppTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly systemId: string;
  readonly password: string;
}

function smppTargetOf(url: string): SmppTarget {
  const parsed = new URL(url);
  const tls = parsed.protocol === 'ssmpp:';
  if (!tls && parsed.protocol !== 'smpp:') throw new Error(`An SMPP URL starts with smpp:// or ssmpp://, not ${parsed.protocol}//`);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : tls ? 3550 : 2775,
    tls,
    systemId: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

interface SessionSettings {
  readonly responseTimeoutMs: number;
  readonly enquireLinkPeriodMs: number;
  readonly logger: Pick<LoggerService, 'warn'>;
}

interface PendingRequest {
  readonly command: string;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** One SMPP session, bound: requests with their answers, the server's own requests answered. */
class BoundSmppSession {
  /** Resolves when the connection is gone, whoever closed it. */
  readonly closed: Promise<void>;
  private isClosed = false;
  private readonly pending = new Set<PendingRequest>();
  private readonly keepAlive: NodeJS.Timeout;

  private constructor(
    private readonly session: Session,
    private readonly where: string,
    private readonly settings: SessionSettings,
  ) {
    let lastError: Error | undefined;
    session.on('error', (error) => {
      lastError = error;
    });
    this.closed = new Promise((resolve) =>
      session.on('close', () => {
        this.isClosed = true;
        clearInterval(this.keepAlive);
        for (const request of this.pending) {
          clearTimeout(request.timer);
          request.reject(new Error(`The SMPP session with ${where} closed before the server answered ${request.command}${lastError ? ` (${lastError.message})` : ''}`));
        }
        this.pending.clear();
        resolve();
      }),
    );
    // What the server asks of us is answered, or it would drop the session.
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('deliver_sm', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      session.close();
    });
    this.keepAlive = setInterval(() => {
      if (this.pending.size === 0) this.request('enquire_link', {}).catch(() => undefined);
    }, settings.enquireLinkPeriodMs);
    // The session lives as long as the process needs it; it never keeps the process alive by itself.
    this.keepAlive.unref();
  }

  static async open(target: SmppTarget, settings: SessionSettings): Promise<BoundSmppSession> {
    const where = `${target.host}:${target.port}`;
    const session = connect({ host: target.host, port: target.port, tls: target.tls, ...(target.tls ? { servername: target.host } : {}) });
    const bound = new BoundSmppSession(session, where, settings);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        session.destroy();
        reject(new Error(`No SMPP connection to ${where} within ${settings.responseTimeoutMs} ms`));
      }, settings.responseTimeoutMs);
      session.once(target.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve();
      });
      session.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`No SMPP connection to ${where}: ${error.message}`));
      });
    });
    const response = await bound.request('bind_transmitter', {
      system_id: target.systemId,
      password: target.password,
      // 3.4, the version aggregators speak; nothing used here is newer.
      interface_version: 0x34,
    });
    if (response.command_status !== errors.ESME_ROK) {
      session.destroy();
      throw new SmppRefusalError('bind', response.command_status, `The SMPP server at ${where} refused to bind system_id "${target.systemId}"`);
    }
    return bound;
  }

  /** Open, bound, and not being torn down: a request written now reaches the server, as far as we know. */
  get usable(): boolean {
    return !this.isClosed && !this.session.socket.destroyed && this.session.socket.writable;
  }

  request(command: string, options: Record<string, unknown>): Promise<PDU> {
    if (!this.usable) return Promise.reject(new SessionUnavailableError(`The SMPP session with ${this.where} is closed`));
    return new Promise((resolve, reject) => {
      const request: PendingRequest = {
        command,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(request);
          reject(new Error(`The SMPP server at ${this.where} did not answer ${command} within ${this.settings.responseTimeoutMs} ms`));
          // A server that stops answering holds nothing we can trust: the next message opens a new session.
          this.settings.logger.warn(`SMPP session with ${this.where} dropped: no answer to ${command}`);
          this.session.destroy();
        }, this.settings.responseTimeoutMs),
      };
      this.pending.add(request);
      const written = this.session.send(new PDU(command, options), (response) => {
        clearTimeout(request.timer);
        this.pending.delete(request);
        resolve(response);
      });
      if (!written) {
        clearTimeout(request.timer);
        this.pending.delete(request);
        reject(new SessionUnavailableError(`The SMPP session with ${this.where} is closed`));
      }
    });
  }

  async unbindAndClose(): Promise<void> {
    if (this.isClosed) return;
    await this.request('unbind', {}).catch(() => undefined);
    // Unbound, nothing more to say: not waiting for the server to close its end.
    this.session.destroy();
    await this.closed;
  }
}
