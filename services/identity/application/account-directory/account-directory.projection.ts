import type { AccountDisplayNameChangedV1, AccountRegisteredV1, AccountRegisteredV2, IntegrationEnvelope } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';

/** Identity's read model: every account by id, as the rest of the platform sees it (no address: #11). */
export type AccountDirectoryEntry = {
  readonly accountId: string;
  /** Null for an account announced by version 1, which carried the address instead. */
  readonly emailDigest: string | null;
  readonly displayName: string;
  readonly kind: 'main' | 'specific';
  readonly mustChangePassword: boolean;
  readonly registeredAt: string;
  readonly passwordChangedAt: string | null;
};

export const ACCOUNT_DIRECTORY = 'identity_account_directory';

export const accountDirectoryProjection: DocumentProjection<AccountDirectoryEntry> = {
  name: 'identity.account-directory',
  collection: ACCOUNT_DIRECTORY,
  handles: ['AccountRegistered', 'AccountDisplayNameChanged', 'AccountPasswordChanged', 'AccountErased'],
  understoodVersions: [1, 2],
  documentId: (event: IntegrationEnvelope) => String(event.data.accountId),
  evolve(entry, event) {
    switch (event.type) {
      case 'AccountRegistered': {
        const data = event.data as unknown as AccountRegisteredV1 | AccountRegisteredV2;
        return {
          accountId: data.accountId,
          emailDigest: 'emailDigest' in data ? data.emailDigest : null,
          displayName: data.displayName,
          kind: data.kind,
          mustChangePassword: data.mustChangePassword,
          registeredAt: event.occurredAt,
          passwordChangedAt: null,
        };
      }
      case 'AccountDisplayNameChanged': {
        const { displayName } = event.data as unknown as AccountDisplayNameChangedV1;
        return entry && { ...entry, displayName: entry.displayName === ERASED ? ERASED : displayName };
      }
      case 'AccountPasswordChanged':
        return entry && { ...entry, mustChangePassword: false, passwordChangedAt: event.occurredAt };
      case 'AccountErased':
        // Its AccountRegistered, replayed once the key is gone, says as much: this holds until then.
        return entry && { ...entry, emailDigest: null, displayName: ERASED };
      default:
        return entry;
    }
  },
};
