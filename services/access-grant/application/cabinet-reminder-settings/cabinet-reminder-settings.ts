import { Injectable } from '@nestjs/common';
import type { CabinetReminderSettingsChangedV1, CabinetReminderSettingsChangedV2 } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { SealedPracticeContacts } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { defaultReminderSettings, type ReminderSettings } from '../../domain/cabinet';

/**
 * How each cabinet reminds its patients, as the cabinet answers show it to everyone who sees the
 * cabinet. Fed by the service's own topic (CabinetReminderSettingsChanged): a cabinet absent here
 * was never set and has the defaults. Kept as the event says it: in clear from a version 1, sealed
 * from a version 2 (with the event they are bound to), opened when read.
 */
export type CabinetReminderSettingsDocument =
  | ({ readonly _id: string } & ReminderSettings)
  | { readonly _id: string; readonly delayHours: number; readonly addressSealed: string | null; readonly phoneSealed: string | null; readonly sealedIn: string };

export const CABINET_REMINDER_SETTINGS = 'access_grant_cabinet_reminder_settings';

export const cabinetReminderSettingsProjection: DocumentProjection<CabinetReminderSettingsDocument> = {
  name: 'access-grant.cabinet-reminder-settings',
  collection: CABINET_REMINDER_SETTINGS,
  handles: ['CabinetReminderSettingsChanged'],
  understoodVersions: [1, 2],
  documentId: (envelope) => String(envelope.data.cabinetId),
  evolve(_known, envelope) {
    if (envelope.version === 2) {
      const { cabinetId, delayHours, addressSealed, phoneSealed } = envelope.data as unknown as CabinetReminderSettingsChangedV2;
      return { _id: cabinetId, delayHours, addressSealed, phoneSealed, sealedIn: envelope.eventId };
    }
    const { cabinetId, delayHours, address, phone } = envelope.data as unknown as CabinetReminderSettingsChangedV1;
    return { _id: cabinetId, delayHours, address, phone };
  },
};

function settingsOf(document: CabinetReminderSettingsDocument, seals: SealedPracticeContacts): ReminderSettings {
  if (!('sealedIn' in document)) return { delayHours: document.delayHours, address: document.address, phone: document.phone };
  const sealedIn = { cabinetId: document._id, eventId: document.sealedIn };
  return { delayHours: document.delayHours, address: seals.open(document.addressSealed, 'address', sealedIn), phone: seals.open(document.phoneSealed, 'phone', sealedIn) };
}

@Injectable()
export class CabinetReminderSettings {
  constructor(
    private readonly readStore: ReadStore,
    private readonly seals: SealedPracticeContacts,
  ) {}

  /** The settings of each of these cabinets, the defaults for one never set. One `_id` lookup per cabinet (a caller sees a handful). */
  async of(cabinetIds: Iterable<string>): Promise<(cabinetId: string) => ReminderSettings> {
    const documents = this.readStore.collection<CabinetReminderSettingsDocument>(CABINET_REMINDER_SETTINGS);
    const found = await Promise.all([...new Set(cabinetIds)].map((_id) => documents.findOne({ _id })));
    const known = new Map(found.filter((document) => document !== null).map((document) => [document._id, settingsOf(document, this.seals)]));
    return (cabinetId) => known.get(cabinetId) ?? defaultReminderSettings;
  }
}
