import { Injectable } from '@nestjs/common';
import type { CabinetReminderSettingsChangedV1 } from '@osteo/contracts';
import type { DocumentProjection } from '@osteo/messaging';
import { ReadStore } from '@osteo/read-store';
import { defaultReminderSettings, type ReminderSettings } from '../../domain/cabinet';

/**
 * How each cabinet reminds its patients, as the cabinet answers show it to everyone who sees the
 * cabinet. Fed by the service's own topic (CabinetReminderSettingsChanged): a cabinet absent here
 * was never set and has the defaults.
 */
export type CabinetReminderSettingsDocument = { readonly _id: string } & ReminderSettings;

export const CABINET_REMINDER_SETTINGS = 'access_grant_cabinet_reminder_settings';

export const cabinetReminderSettingsProjection: DocumentProjection<CabinetReminderSettingsDocument> = {
  name: 'access-grant.cabinet-reminder-settings',
  collection: CABINET_REMINDER_SETTINGS,
  handles: ['CabinetReminderSettingsChanged'],
  documentId: (envelope) => String(envelope.data.cabinetId),
  evolve(_known, envelope) {
    const { cabinetId, delayHours, address, phone } = envelope.data as unknown as CabinetReminderSettingsChangedV1;
    return { _id: cabinetId, delayHours, address, phone };
  },
};

@Injectable()
export class CabinetReminderSettings {
  constructor(private readonly readStore: ReadStore) {}

  /** The settings of each of these cabinets, the defaults for one never set. One `_id` lookup per cabinet (a caller sees a handful). */
  async of(cabinetIds: Iterable<string>): Promise<(cabinetId: string) => ReminderSettings> {
    const documents = this.readStore.collection<CabinetReminderSettingsDocument>(CABINET_REMINDER_SETTINGS);
    const found = await Promise.all([...new Set(cabinetIds)].map((_id) => documents.findOne({ _id })));
    const known = new Map(found.filter((document) => document !== null).map(({ _id, delayHours, address, phone }) => [_id, { delayHours, address, phone }]));
    return (cabinetId) => known.get(cabinetId) ?? defaultReminderSettings;
  }
}
