import type { Principal } from '@osteo/auth';

/** Who asks, and the correlation id their request carries through every event it causes. */
export interface Caller {
  readonly principal: Principal;
  readonly correlationId: string;
}

export const commandMetadata = (caller: Caller, now: Date) => ({ now, actorId: caller.principal.accountId, correlationId: caller.correlationId });
