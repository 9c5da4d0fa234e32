/** How far the schedule has followed this service's own store: the sender asks before each round. */
export abstract class ReminderScheduleFeed {
  /** Resolves once every event of the store when called has reached the schedule. */
  abstract caughtUpWithStore(): Promise<void>;
}
