import type { AddressInfo } from 'node:net';
import { consts, createServer, errors, type DecodedMessage, type PDU, type Session } from 'smpp';

export interface ReceivedSms {
  /** The destination in E.164, as the platform gave it. */
  readonly to: string;
  /** The text as a phone shows it, decoded from its data coding. */
  readonly text: string;
  /** The sender: its digits, or its letters for an alphanumeric sender. */
  readonly from: string;
  readonly dataCoding: number;
  /** The id the server answered with. */
  readonly messageId: string;
}

export interface SmppTestServer {
  /** `smpp://<systemId>:<password>@127.0.0.1:<port>`, as SMPP_URL takes it. */
  readonly url: string;
  /** Every submit_sm accepted, in order of arrival. */
  readonly received: readonly ReceivedSms[];
  /** How many bind requests came, accepted or not: a new session per bind. */
  binds(): number;
  /** The next `count` submits are answered with this status and not recorded. */
  refuseNext(status?: number, count?: number): void;
  /** The next submit gets no answer at all, as from a server that hangs; resolves once it has come. */
  ignoreNext(): Promise<void>;
  /** Cuts every open session without an unbind, as a network failure or a server restart would. */
  dropSessions(): Promise<void>;
  openSessions(): number;
  stop(): Promise<void>;
}

export interface SmppTestServerOptions {
  /** The credentials a bind must give (default `osteo` / `secret`); others get ESME_RBINDFAIL. */
  readonly systemId?: string;
  readonly password?: string;
}

const BIND_COMMANDS = ['bind_transmitter', 'bind_transceiver', 'bind_receiver'] as const;

function textOf(field: DecodedMessage | undefined): string {
  if (!field) return '';
  return typeof field.message === 'string' ? field.message : field.message.toString('latin1');
}

/**
 * A real SMPP server (the `smpp` package's) on a random loopback port that binds the platform's
 * sessions, answers what SMPP requires, and keeps every message it accepts. It can refuse, ignore
 * or cut on demand, for the failures an aggregator shows.
 */
export async function startSmppTestServer(options: SmppTestServerOptions = {}): Promise<SmppTestServer> {
  const systemId = options.systemId ?? 'osteo';
  const password = options.password ?? 'secret';
  const received: ReceivedSms[] = [];
  const refusals: number[] = [];
  const ignored: (() => void)[] = [];
  let binds = 0;
  let nextMessageId = 1;

  const server = createServer((session: Session) => {
    let bound = false;
    session.on('error', () => undefined);
    for (const command of BIND_COMMANDS) {
      session.on(command, (pdu: PDU) => {
        binds += 1;
        bound = pdu.system_id === systemId && pdu.password === password;
        session.send(pdu.response({ command_status: bound ? errors.ESME_ROK : errors.ESME_RBINDFAIL, system_id: 'osteo-test-smsc' }));
        if (!bound) session.close();
      });
    }
    session.on('submit_sm', (pdu: PDU) => {
      if (!bound) return void session.send(pdu.response({ command_status: errors.ESME_RINVBNDSTS }));
      const ignore = ignored.shift();
      if (ignore) return ignore();
      const refusal = refusals.shift();
      if (refusal !== undefined) return void session.send(pdu.response({ command_status: refusal }));
      const messageId = `test-${nextMessageId++}`;
      const text = textOf(pdu.short_message) || textOf(pdu.message_payload);
      received.push({
        to: pdu.dest_addr_ton === consts.TON.INTERNATIONAL ? `+${pdu.destination_addr}` : (pdu.destination_addr ?? ''),
        text,
        from: pdu.source_addr ?? '',
        dataCoding: pdu.data_coding ?? 0,
        messageId,
      });
      session.send(pdu.response({ message_id: messageId }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const dropSessions = async () => {
    await Promise.all([...server.sessions].map((session) => new Promise<void>((resolve) => session.destroy(() => resolve()))));
  };

  return {
    url: `smpp://${encodeURIComponent(systemId)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    received,
    binds: () => binds,
    refuseNext: (status = errors.ESME_RINVDSTADR, count = 1) => refusals.push(...Array.from({ length: count }, () => status)),
    ignoreNext: () => new Promise<void>((resolve) => ignored.push(resolve)),
    dropSessions,
    openSessions: () => server.sessions.length,
    stop: async () => {
      await dropSessions();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
