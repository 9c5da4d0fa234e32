import { Injectable } from '@nestjs/common';

/**
 * The publishers running in this process (one per service it runs), so that whoever waits for
 * the history of a topic can wait for them first: with the in-process bus, identity's publisher
 * publishes its whole store again at every start.
 */
@Injectable()
export class PublishersInProcess {
  private readonly publishers: Array<() => Promise<void>> = [];

  /** `publishedUpToNow` must wait for its publisher to have started, however early it is called. */
  register(publishedUpToNow: () => Promise<void>): void {
    this.publishers.push(publishedUpToNow);
  }

  async publishedUpToNow(): Promise<void> {
    await Promise.all(this.publishers.map((publishedUpToNow) => publishedUpToNow()));
  }
}
