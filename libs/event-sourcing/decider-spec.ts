import { AssertionError, deepStrictEqual, strictEqual } from 'node:assert';
import { stateAfter, type Command, type Decider, type Event } from './decider';
import { Rejection } from './rejection';

/**
 * Given / when / then for decider tests (STYLE.md 8):
 *
 *   specFor(emailReservation)
 *     .given([{ type: 'EmailReserved', data: { ... } }])
 *     .when({ type: 'ReserveEmail', data: { ... }, metadata })
 *     .thenThrows('EMAIL.ALREADY_RESERVED');
 *
 * Assertions use node:assert, so this helper works under any test runner, and its failures
 * show as diffs under Jest.
 */
export function specFor<C extends Command, E extends Event, S>(decider: Decider<C, E, S>) {
  return {
    given: (pastEvents: readonly E[]) => ({
      when: (command: C) => {
        const decide = (): readonly E[] => decider.decide(command, stateAfter(decider, pastEvents));
        return {
          /** The command causes exactly these events, in this order (none: `then([])`). */
          then(expectedEvents: readonly E[]): void {
            deepStrictEqual(decide(), expectedEvents);
          },
          /** The command is rejected with a Rejection of this code. */
          thenThrows(expectedCode: string): void {
            let decided: readonly E[];
            try {
              decided = decide();
            } catch (error) {
              if (!(error instanceof Rejection)) throw error;
              strictEqual(error.code, expectedCode, `expected ${expectedCode}, rejected with ${error.code}`);
              return;
            }
            throw new AssertionError({
              message: `expected a rejection with ${expectedCode}, but the command was accepted`,
              actual: decided,
              expected: expectedCode,
            });
          },
        };
      },
    }),
  };
}
