import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CountedLine, MessageReading } from './ledger-line-message';

/** The sums of one holder, cabinet and month, in cents. */
export interface FigureRow {
  readonly holderId: string;
  readonly cabinetId: string;
  readonly month: string;
  readonly receiptsCents: number;
  readonly retrocededFeesCents: number;
  readonly otherExpensesCents: number;
  /** How many ledger lines were counted in these sums. */
  readonly lines: number;
}

export interface ParkedEvent {
  readonly parkedId: string;
  readonly type: string | null;
  readonly version: number | null;
  readonly reason: string;
}

/** Which topic and group a state file was built from: it belongs with them. */
export interface StateOrigin {
  readonly topic: string;
  readonly groupId: string;
}

const FIGURE_COLUMNS = { receipts: 'receipts_cents', retrocededFees: 'retroceded_fees_cents', otherExpenses: 'other_expenses_cents' } as const;

/**
 * The example's whole state in one SQLite file: the sums per holder, cabinet and month, the id of
 * every event counted in them, and the messages it parked. A batch of messages is applied in one
 * transaction (all of it or nothing, on disk before the transaction returns), and only then are
 * the Kafka offsets committed: a crash in between redelivers the batch, whose events are already
 * in `counted_events` and so are not counted again.
 */
export class FiguresStore {
  private constructor(private readonly db: Database.Database) {}

  static open(path: string): FiguresStore {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // Durable at commit: offsets are committed to Kafka right after, on the strength of it.
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS origin (topic TEXT NOT NULL, group_id TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS counted_events (event_id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS figures (
        holder_id TEXT NOT NULL, cabinet_id TEXT NOT NULL, month TEXT NOT NULL,
        receipts_cents INTEGER NOT NULL DEFAULT 0, retroceded_fees_cents INTEGER NOT NULL DEFAULT 0,
        other_expenses_cents INTEGER NOT NULL DEFAULT 0, lines INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (holder_id, cabinet_id, month)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS parked_events (parked_id TEXT PRIMARY KEY, type TEXT, version INTEGER, reason TEXT NOT NULL, value TEXT) WITHOUT ROWID;
    `);
    return new FiguresStore(db);
  }

  /** For `report`: reads a state file without writing to it, even while a consumer runs on it. */
  static openForReading(path: string): FiguresStore {
    return new FiguresStore(new Database(path, { readonly: true, fileMustExist: true }));
  }

  origin(): StateOrigin | undefined {
    const row = this.db.prepare('SELECT topic, group_id AS groupId FROM origin').get() as StateOrigin | undefined;
    return row;
  }

  recordOrigin(origin: StateOrigin): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM origin').run();
      this.db.prepare('INSERT INTO origin (topic, group_id) VALUES (?, ?)').run(origin.topic, origin.groupId);
    })();
  }

  /** True until a first event has been counted or parked. */
  isEmpty(): boolean {
    const counted = this.db.prepare('SELECT EXISTS (SELECT 1 FROM counted_events) AS found').get() as { found: number };
    const parked = this.db.prepare('SELECT EXISTS (SELECT 1 FROM parked_events) AS found').get() as { found: number };
    return counted.found === 0 && parked.found === 0;
  }

  /** Applies a batch at once; an event id already counted adds nothing. Returns how many lines were new. */
  apply(readings: readonly { readonly reading: MessageReading; readonly value: string | null }[]): number {
    const markCounted = this.db.prepare('INSERT INTO counted_events (event_id) VALUES (?) ON CONFLICT DO NOTHING');
    const park = this.db.prepare('INSERT INTO parked_events (parked_id, type, version, reason, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const addTo = Object.fromEntries(
      Object.entries(FIGURE_COLUMNS).map(([figure, column]) => [
        figure,
        this.db.prepare(
          `INSERT INTO figures (holder_id, cabinet_id, month, ${column}, lines) VALUES (?, ?, ?, ?, 1)
           ON CONFLICT (holder_id, cabinet_id, month) DO UPDATE SET ${column} = ${column} + excluded.${column}, lines = lines + 1`,
        ),
      ]),
    ) as Record<CountedLine['figure'], Database.Statement>;
    return this.db.transaction(() => {
      let newLines = 0;
      for (const { reading, value } of readings) {
        if (reading.outcome === 'counted') {
          if (markCounted.run(reading.line.eventId).changes === 0) continue;
          const { holderId, cabinetId, month, figure, figureCents } = reading.line;
          addTo[figure].run(holderId, cabinetId, month, figureCents);
          newLines += 1;
        } else if (reading.outcome === 'parked') {
          park.run(reading.parkedId, reading.type, reading.version, reading.reason, value);
        }
      }
      return newLines;
    })();
  }

  figures(): FigureRow[] {
    return this.db
      .prepare(
        `SELECT holder_id AS holderId, cabinet_id AS cabinetId, month, receipts_cents AS receiptsCents,
                retroceded_fees_cents AS retrocededFeesCents, other_expenses_cents AS otherExpensesCents, lines
         FROM figures ORDER BY holder_id, cabinet_id, month`,
      )
      .all() as FigureRow[];
  }

  countedEvents(): number {
    return (this.db.prepare('SELECT COUNT(*) AS count FROM counted_events').get() as { count: number }).count;
  }

  parkedEvents(): ParkedEvent[] {
    return this.db.prepare('SELECT parked_id AS parkedId, type, version, reason FROM parked_events ORDER BY parked_id').all() as ParkedEvent[];
  }

  close(): void {
    this.db.close();
  }
}
