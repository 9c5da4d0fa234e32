import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { IntegrationEnvelope, publicEventContracts } from '@osteo/contracts';
import type { BusSubscription, EventBus } from '@osteo/messaging';

/**
 * Records every envelope published on the given topics and checks each against its contract:
 * a known type, the contract's version and topic, a `data` valid for its JSON Schema.
 */
export class ContractConformance {
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly seen: { topic: string; envelope: IntegrationEnvelope }[] = [];
  private subscription: BusSubscription | null = null;

  constructor() {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    for (const contract of publicEventContracts) {
      this.validators.set(`${contract.topic}/${contract.type}/v${contract.version}`, ajv.compile(contract.dataSchema as object));
    }
  }

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
      const validate = this.validators.get(`${topic}/${envelope.type}/v${envelope.version}`);
      if (!validate) violations.push(`${topic}: ${envelope.type} v${envelope.version} has no contract`);
      else if (!validate(envelope.data)) violations.push(`${topic}: ${envelope.type} v${envelope.version}: ${JSON.stringify(validate.errors)}`);
    }
    return { types: new Set(this.seen.map(({ envelope }) => envelope.type)), violations };
  }
}
