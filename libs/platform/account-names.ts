import type { AccountDisplayNameChangedV1, AccountRegisteredV1, AccountRegisteredV2 } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';

/** An account's display name, by its id, as identity announced it on identity.events. */
export type AccountName = { readonly _id: string; readonly displayName: string };

/**
 * The projection a service keeps of account display names, in a collection of its own, so its
 * lists, exports and reminders name the accounts they show rather than their ids (services share
 * no read model). Erasure wins over anything that arrives after it.
 */
export function accountNamesProjection(name: string, collection: string): DocumentProjection<AccountName> {
  return {
    name,
    collection,
    handles: ['AccountRegistered', 'AccountDisplayNameChanged', 'AccountErased'],
    // Both carry the display name; version 1 also carried the address, which no service keeps from here (#11).
    understoodVersions: [1, 2],
    documentId: (envelope) => String(envelope.data.accountId),
    evolve(known, envelope) {
      const accountId = String(envelope.data.accountId);
      // The right to erasure: the name goes, its id stays (a revoked delegation or a ledger line still points at it).
      if (envelope.type === 'AccountErased') return { _id: accountId, displayName: ERASED };
      // An erased account stays erased whatever arrives after.
      if (known?.displayName === ERASED) return known;
      // The name its holder chose, at registration or since.
      const named = envelope.data as unknown as AccountRegisteredV1 | AccountRegisteredV2 | AccountDisplayNameChangedV1;
      return { _id: accountId, displayName: named.displayName };
    },
  };
}
