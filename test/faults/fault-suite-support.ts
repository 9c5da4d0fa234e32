/**
 * What the fault suites share: the services' recent warnings for a failure's message, a whole
 * ledger read through accounting's API, and a consumer group's progress on a topic.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import { DEAD_LETTER_TOPIC_SUFFIX, type MessagingLogger } from '@osteo/messaging';
import type { ProcessName } from '../../deploy/local/distributed-processes';
import type { HttpClient } from '../support/http-client';

/** What the processes logged at warn level and above, last lines only, for a failure's message. */
export class RecentWarnings {
  private readonly kept: string[] = [];

  note(name: ProcessName, line: string): void {
    if (!/"level":"(warn|error|fatal)"/.test(line)) return;
    this.kept.push(`${name}: ${line.slice(0, 400)}`);
    if (this.kept.length > 30) this.kept.shift();
  }

  lines(): string {
    return this.kept.join('\n') || '(none)';
  }
}

export type LedgerEntry = {
  readonly entryId: string;
  readonly kind: 'income' | 'expense';
  readonly category: string;
  readonly amountCents: number;
  readonly consultationId?: string;
};
export type LedgerListing = { readonly entries: readonly LedgerEntry[]; readonly totals: { incomeCents: number; expenseCents: number; netCents: number } };

/** Every line of the caller's ledger: the listing answers in pages (the largest, 200 lines), the totals on the first. */
export async function wholeLedger(client: HttpClient): Promise<LedgerListing> {
  const entries: LedgerEntry[] = [];
  let totals: LedgerListing['totals'] | undefined;
  let cursor: string | null = null;
  do {
    const answer = await client.get(`/api/v1/ledgers/me/entries?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`);
    if (answer.status !== 200) throw new Error(`reading the ledger answered ${answer.status}`);
    const page: Partial<LedgerListing> & { readonly entries: readonly LedgerEntry[]; readonly nextCursor: string | null } = answer.body;
    totals ??= page.totals;
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor !== null);
  if (totals === undefined) throw new Error('the first page of the ledger carried no totals');
  return { entries, totals };
}

/** Messages of `topic` that the consumer group has handled and committed, over all partitions. */
export async function committedOffsets(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return sum((committed?.partitions ?? []).map((partition) => Math.max(0, Number(partition.offset))));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Until the consumer group has committed every message of `topic` (duplicates a retried publish
 * may have added included): everything it will ever apply is applied.
 */
export async function drained(kafka: Kafka, groupId: string, topic: string, timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
      const lag = sum(
        ends.map((end) => Number(end.high) - Math.max(0, Number(committed?.partitions.find((partition) => partition.partition === end.partition)?.offset ?? 0))),
      );
      if (lag === 0) return;
      if (Date.now() > deadline) throw new Error(`${groupId} still had ${lag} messages of ${topic} to apply after ${timeoutMs / 1000} s`);
      await sleep(500);
    }
  } finally {
    await admin.disconnect();
  }
}

export async function listTopics(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(20);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The publisher's bus reports refused batches through `refusedBatches`; its log would only repeat them. */
export const quietLogger: MessagingLogger = { log: () => undefined };

/** The dead-letter topics under the prefix that hold any message (the services create them all at start), with their counts. */
export async function deadLettersUnder(kafka: Kafka, topicPrefix: string): Promise<Record<string, number>> {
  const topics = (await listTopics(kafka)).filter((topic) => topic.startsWith(topicPrefix) && topic.endsWith(DEAD_LETTER_TOPIC_SUFFIX));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const counts: Record<string, number> = {};
    for (const topic of topics) {
      const messages = sum((await admin.fetchTopicOffsets(topic)).map((partition) => Number(partition.high) - Number(partition.low)));
      if (messages > 0) counts[topic] = messages;
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}
