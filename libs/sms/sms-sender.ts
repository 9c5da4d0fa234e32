export interface SmsMessage {
  /** The recipient in E.164 (`+33612345678`). */
  readonly to: string;
  readonly text: string;
  /** A stable id of what the message is for (a reminder's id): an adapter that can use it to write once does. */
  readonly reference: string;
}

/** Sends SMS: through an SMPP aggregator (the distributed profile), or as files in an outbox directory (the embedded one). */
export abstract class SmsSender {
  /** Resolves once the message is handed over: accepted by the SMPP server (submit_sm_resp OK), or written. */
  abstract send(message: SmsMessage): Promise<void>;
}
