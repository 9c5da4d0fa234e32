/**
 * How the example reads one message of accounting.events. It knows the envelope and the fields of
 * LedgerLineWritten version 1 that the figures need, as the platform's AsyncAPI document gives
 * them, and nothing of the ledger's rules: `figure` says where a line counts and `figureCents`
 * what it adds there. It imports nothing of the platform, as a team outside it would; the test
 * (test/e2e/analytics-example.e2e-spec.ts) holds it to the contract's JSON Schema.
 */
export const COUNTED_TYPE = 'LedgerLineWritten';
export const COUNTED_VERSION = 1;

const figures = ['receipts', 'retrocededFees', 'otherExpenses'] as const;
export type Figure = (typeof figures)[number];

/** What one line adds, where: the only fields the figures need. */
export interface CountedLine {
  readonly eventId: string;
  readonly holderId: string;
  readonly cabinetId: string;
  /** YYYY-MM of the line's date. */
  readonly month: string;
  readonly figure: Figure;
  readonly figureCents: number;
}

/** Where a message was read from, to name a message that has no event id of its own. */
export interface MessagePosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type MessageReading =
  | { readonly outcome: 'counted'; readonly line: CountedLine }
  /** Another event type of the topic: not a ledger line, nothing to count. */
  | { readonly outcome: 'ignored'; readonly type: string }
  /**
   * A message this example cannot count: a version of LedgerLineWritten it does not know, or a
   * value that is no such event. It is kept aside in the state, never counted, never fatal.
   */
  | { readonly outcome: 'parked'; readonly parkedId: string; readonly type: string | null; readonly version: number | null; readonly reason: string };

export function readMessage(value: Buffer | null, position: MessagePosition): MessageReading {
  const byPosition = `${position.topic}/${position.partition}/${position.offset}`;
  const park = (reason: string, type: string | null = null, version: number | null = null, eventId?: string): MessageReading => ({
    outcome: 'parked',
    parkedId: eventId ?? byPosition,
    type,
    version,
    reason,
  });

  let envelope: unknown;
  try {
    envelope = JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    return park('the value is not JSON');
  }
  if (!isObject(envelope) || typeof envelope.type !== 'string') return park('the value is not an event envelope');
  const { type, version, eventId, data } = envelope;
  if (type !== COUNTED_TYPE) return { outcome: 'ignored', type };

  const knownId = typeof eventId === 'string' && eventId.length > 0 ? eventId : undefined;
  const knownVersion = Number.isInteger(version) ? (version as number) : null;
  if (knownVersion !== COUNTED_VERSION) return park(`version ${String(version)} of ${COUNTED_TYPE} is not known to this example`, type, knownVersion, knownId);
  if (!knownId) return park('the envelope has no eventId', type, knownVersion);

  const problem = problemOf(data);
  if (problem) return park(`the data does not match ${COUNTED_TYPE} v1: ${problem}`, type, knownVersion, knownId);
  const line = data as { holderId: string; cabinetId: string; date: string; figure: Figure; figureCents: number };
  return {
    outcome: 'counted',
    line: { eventId: knownId, holderId: line.holderId, cabinetId: line.cabinetId, month: line.date.slice(0, 7), figure: line.figure, figureCents: line.figureCents },
  };
}

/** Checks the fields the figures read; the rest of the line is not this example's business. */
function problemOf(data: unknown): string | undefined {
  if (!isObject(data)) return 'no data object';
  for (const field of ['holderId', 'cabinetId'] as const) {
    if (typeof data[field] !== 'string' || data[field] === '') return `${field} is not a non-empty string`;
  }
  if (typeof data.date !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(data.date)) return 'date is not YYYY-MM-DD';
  if (!figures.includes(data.figure as Figure)) return `figure is not one of ${figures.join(', ')}`;
  if (!Number.isSafeInteger(data.figureCents)) return 'figureCents is not an integer';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
