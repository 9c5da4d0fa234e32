import { IntegrationEnvelope, publicEventContracts } from '@osteo/contracts';
import { type BusSubscription, type EventBus, contractCheckOf } from '@osteo/messaging';

/**
 * Records every envelope published on the given topics and checks each against its contract:
 * a known type, the contract's version and topic, a `data` valid for its JSON Schema (checked as
 * the platform's consumers check it: contractCheckOf).
 */
export class ContractConformance {
  private readonly seen: { topic: string; envelope: IntegrationEnvelope }[] = [];
  private subscription: BusSubscription | null = null;

  async watch(bus: EventBus, topics: readonly string[]): Promise<void> {
    this.subscription = await bus.subscribe({
      groupId: `contract-conformance-${Date.now()}`,
      topics,
      handle: async ({ topic, envelope }) => {
        this.seen.push({ topic, envelope });
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  /** The types seen, and every violation as a readable line. */
  report(): { types: Set<string>; violations: string[] } {
    const violations: string[] = [];
    for (const { topic, envelope } of this.seen) {
      const { type, version, data } = envelope;
      const contracted = publicEventContracts.some((contract) => contract.topic === topic && contract.type === type && contract.version === version);
      const problem = contracted ? contractCheckOf(type, version)(data) : 'has no contract';
      if (problem !== null) violations.push(`${topic}: ${type} v${version}: ${problem}`);
    }
    return { types: new Set(this.seen.map(({ envelope }) => envelope.type)), violations };
  }
}
