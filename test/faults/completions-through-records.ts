import { setTimeout as sleep } from 'node:timers/promises';

/** A consultation patient-records answered as completed (204), with the fee its ledger line must carry. */
export interface CompletedConsultation {
  readonly consultationId: string;
  readonly feeCents: number;
}

/** Longer than a paused instance stays paused: its requests are answered once it resumes. */
const REQUEST_TIMEOUT_MS = 60_000;
/** Between attempts on another instance after one did not answer. */
const RETRY_PAUSE_MS = 100;

/**
 * The owner opening and completing consultations through patient-records' HTTP API, spread over
 * its instances (request i goes to instance i mod n first), by `workers` clients at once, as fast
 * as the instances answer. So every ConsultationCompleted is decided and appended by a real
 * patient-records process and published by whichever instance holds the publisher lease.
 *
 * An instance that does not answer (killed: connection refused or reset) is tried again on the
 * next one. A request cut off may have been carried out: an opening then leaves a consultation
 * open and never completed (no ledger line, as it should); a completion answered 409
 * `CONSULTATION.ALREADY_COMPLETED` on its retry was completed by the attempt cut off, so it
 * counts as completed. Only the completions answered count: the ledger must hold exactly those.
 */
export class CompletionsThroughRecords {
  readonly completed: CompletedConsultation[] = [];
  /** Requests sent again to another instance after one did not answer. */
  retried = 0;
  private next = 0;
  /** Instances sent nothing new (about to be paused), and the requests each has in flight. */
  private readonly avoided = new Set<string>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly instanceUrls: readonly string[],
    private readonly token: string,
    private readonly patientIds: readonly string[],
  ) {}

  /** Resolves once `count` consultations are completed. */
  async run(count: number, workers: number): Promise<void> {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let index = this.next++; index < count; index = this.next++) this.completed.push(await this.completeOne(index));
      }),
    );
  }

  /**
   * Sends nothing new to this instance until `readmit`: with the SQLite store shared, an instance
   * paused in the middle of an append would hold the file's write lock and stall every other
   * instance's appends (busy_timeout) until it resumes.
   */
  avoid(url: string): void {
    this.avoided.add(url);
  }

  readmit(url: string): void {
    this.avoided.delete(url);
  }

  requestsInFlightTo(url: string): number {
    return this.inFlight.get(url) ?? 0;
  }

  private async completeOne(index: number): Promise<CompletedConsultation> {
    const feeCents = 2_500 + ((index * 7_919) % 9_000);
    const patientId = this.patientIds[index % this.patientIds.length]!;
    const date = `2026-${String(1 + (index % 11)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`;
    const opened = await this.send(index, 'POST', `/api/v1/patients/${patientId}/consultations`, { date, reason: `Consultation ${index}` }, [201]);
    const consultationId = (opened.body as { consultationId: string }).consultationId;
    await this.send(index + 1, 'POST', `/api/v1/consultations/${consultationId}/complete`, { feeCents, paymentMethod: 'card' }, [204], 'CONSULTATION.ALREADY_COMPLETED');
    return { consultationId, feeCents };
  }

  /**
   * Sends until an instance answers one of `expected`, or, after an attempt cut off, the code
   * that says the cut-off attempt was carried out. A 404 is retried too: the consultation just
   * opened on one instance may not be in the other's read model yet.
   */
  private async send(
    firstInstance: number,
    method: string,
    path: string,
    body: unknown,
    expected: readonly number[],
    doneByACutOffAttempt?: string,
  ): Promise<{ status: number; body: unknown }> {
    let cutOff = false;
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const url = this.instanceUrls[(firstInstance + attempt) % this.instanceUrls.length]!;
      if (this.avoided.has(url)) continue;
      let answer: { status: number; body: unknown };
      this.inFlight.set(url, this.requestsInFlightTo(url) + 1);
      try {
        const response = await fetch(url + path, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        answer = { status: response.status, body: text ? JSON.parse(text) : undefined };
      } catch {
        cutOff = true;
        this.retried += 1;
        // Straight on to the next instance; a pause once every instance was tried.
        if ((attempt + 1) % this.instanceUrls.length === 0) await sleep(RETRY_PAUSE_MS);
        continue;
      } finally {
        this.inFlight.set(url, this.requestsInFlightTo(url) - 1);
      }
      if (expected.includes(answer.status)) return answer;
      if (cutOff && doneByACutOffAttempt !== undefined && (answer.body as { code?: string } | undefined)?.code === doneByACutOffAttempt) return answer;
      if (answer.status === 404 || answer.status === 409 || answer.status >= 500) {
        // A 5xx may come after the write: the next attempt is judged as after a cut-off one.
        if (answer.status >= 500) cutOff = true;
        await sleep(RETRY_PAUSE_MS);
        continue;
      }
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    throw new Error(`${method} ${path} found no instance to carry it out`);
  }
}
