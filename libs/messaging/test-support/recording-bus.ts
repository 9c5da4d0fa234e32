import { type BusSubscription, EventBus, type OutgoingMessage, type SubscribeOptions } from '../event-bus';

/** Records what is published; can hold a publish open to catch the publisher mid-batch. */
export class RecordingBus extends EventBus {
  readonly published: OutgoingMessage[] = [];
  publishStarted: Promise<void> = Promise.resolve();
  private held: Promise<void> | undefined;
  private reportPublishStarted: () => void = () => undefined;

  /** The next publish waits for the returned function to be called. */
  holdNextPublish(): () => void {
    let release: () => void = () => undefined;
    this.held = new Promise((resolve) => (release = resolve));
    this.publishStarted = new Promise((resolve) => (this.reportPublishStarted = resolve));
    return release;
  }

  override async publish(_topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.reportPublishStarted();
    await this.held;
    this.held = undefined;
    this.published.push(...messages);
  }

  override subscribe(_options: SubscribeOptions): Promise<BusSubscription> {
    throw new Error('Not needed by these tests');
  }

  override async close(): Promise<void> {}
}
