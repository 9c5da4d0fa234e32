/**
 * The part of the `smpp` package (0.5, untyped) the platform uses: a client session that binds
 * and submits, and the server the tests run. Parameter names are the SMPP specification's.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  /** A decoded message field: the text, with its user data header if it had one. */
  export interface DecodedMessage {
    readonly message: string | Buffer;
    readonly udh?: readonly Buffer[];
  }

  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    readonly command: string;
    readonly command_status: number;
    sequence_number: number;
    readonly system_id?: string;
    readonly password?: string;
    readonly message_id?: string;
    readonly source_addr?: string;
    readonly source_addr_ton?: number;
    readonly destination_addr?: string;
    readonly dest_addr_ton?: number;
    readonly dest_addr_npi?: number;
    readonly data_coding?: number;
    readonly short_message?: DecodedMessage;
    readonly message_payload?: DecodedMessage;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  export interface SessionOptions {
    readonly host?: string;
    readonly port?: number;
    readonly tls?: boolean;
    readonly url?: string;
    readonly servername?: string;
    readonly auto_enquire_link_period?: number;
  }

  export class Session extends EventEmitter {
    readonly socket: import('node:net').Socket;
    send(pdu: PDU, responseCallback?: (response: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    bind_transmitter(options: Record<string, unknown>, responseCallback?: (response: PDU) => void): boolean;
    submit_sm(options: Record<string, unknown>, responseCallback?: (response: PDU) => void): boolean;
    enquire_link(options?: Record<string, unknown>, responseCallback?: (response: PDU) => void): boolean;
    unbind(options?: Record<string, unknown>, responseCallback?: (response: PDU) => void): boolean;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    on(event: 'connect' | 'secureConnect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: string, listener: (pdu: PDU) => void): this;
    once(event: 'connect' | 'secureConnect' | 'close', listener: () => void): this;
    once(event: 'error', listener: (error: Error) => void): this;
    once(event: string, listener: (pdu: PDU) => void): this;
  }

  export class Server extends NetServer {
    readonly sessions: Session[];
  }

  export function connect(options: SessionOptions, listener?: () => void): Session;
  export function createServer(listener: (session: Session) => void): Server;

  /** Command status codes by name (`ESME_ROK`, `ESME_RINVDSTADR`, …). */
  export const errors: Readonly<Record<string, number>>;
  export const consts: {
    readonly TON: Readonly<Record<'UNKNOWN' | 'INTERNATIONAL' | 'NATIONAL' | 'ALPHANUMERIC', number>>;
    readonly NPI: Readonly<Record<'UNKNOWN' | 'ISDN', number>>;
    readonly ENCODING: Readonly<Record<'SMSC_DEFAULT' | 'UCS2', number>>;
  };
  /** GSM 03.38, the default alphabet: its regex says whether a text fits, `encode` gives one octet per septet. */
  export const gsmCoder: {
    readonly GSM: { readonly charRegex: RegExp };
    encode(text: string, shiftTable: 0): Buffer;
  };
}
