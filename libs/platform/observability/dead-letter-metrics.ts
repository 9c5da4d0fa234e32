import type { DeadLetterObserver } from '@osteo/messaging';
import { Counter, type Registry } from 'prom-client';

/**
 * `dead_letters_total{topic, group}`: messages a consumer group could never apply and moved to
 * the topic's dead-letter topic. Any increase calls for an operator: the group went on without them.
 */
export function deadLetterCounterIn(registry: Registry): DeadLetterObserver {
  const counter = new Counter({
    name: 'dead_letters_total',
    help: 'Messages of a topic that a consumer group could never apply and moved to <topic>.dead-letters.',
    labelNames: ['topic', 'group'] as const,
    registers: [registry],
  });
  return (deadLetter) => counter.inc({ topic: deadLetter.source.topic, group: deadLetter.source.groupId });
}
