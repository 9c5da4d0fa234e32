import type { IntegrationEnvelope } from '@osteo/contracts';
import { unreachable } from '@osteo/event-sourcing/decider';
import type { DocumentProjection } from '@osteo/messaging';
import type { PatientEvent } from '../../domain/patient';

/**
 * The patients of each cabinet by name, for GET /cabinets/:id/patients?q=. Names and birth date
 * only: enough to pick the right record, nothing of its content.
 */
export type PatientDirectoryEntry = {
  readonly _id: string;
  readonly patientId: string;
  readonly cabinetId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  /** Every word of the names, folded, each after a space (" durand lefevre helene"): a term matches where a word starts. */
  readonly searchText: string;
  /** The names folded, for the listing's order (family name, then first name) whatever the case or accents. */
  readonly lastNameFolded: string;
  readonly firstNameFolded: string;
};

export const PATIENT_DIRECTORY = 'patient_records_directory';

/**
 * The words of a name or a query as search compares them: lower case, accents and ligatures
 * removed ("Lœtitia Hélène" → ["loetitia", "helene"]), split wherever a letter or digit ends.
 * The words are letters and digits only, so a query's words are safe inside a pattern.
 */
export function foldedWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

function entryFor(patient: Omit<PatientDirectoryEntry, '_id' | 'searchText' | 'lastNameFolded' | 'firstNameFolded'>): PatientDirectoryEntry {
  const lastNameWords = foldedWords(patient.lastName);
  const firstNameWords = foldedWords(patient.firstName);
  return {
    _id: patient.patientId,
    ...patient,
    searchText: [...lastNameWords, ...firstNameWords].map((word) => ` ${word}`).join(''),
    lastNameFolded: lastNameWords.join(' '),
    firstNameFolded: firstNameWords.join(' '),
  };
}

export const patientDirectoryProjection: DocumentProjection<PatientDirectoryEntry> = {
  name: 'patient-records.directory',
  collection: PATIENT_DIRECTORY,
  // Reminder preferences are not a name: the directory never reads them.
  handles: Object.entries({ PatientRegistered: true, PatientUpdated: true, PatientDeleted: true, PatientReminderPreferencesChanged: false } satisfies Record<PatientEvent['type'], boolean>)
    .filter(([, handled]) => handled)
    .map(([type]) => type),
  documentId: (envelope: IntegrationEnvelope) => String(envelope.data.patientId),
  evolve(entry, envelope) {
    const event = { type: envelope.type, data: envelope.data } as PatientEvent;
    switch (event.type) {
      case 'PatientRegistered': {
        const { patientId, cabinetId, firstName, lastName, birthDate } = event.data;
        return entryFor({ patientId, cabinetId, firstName, lastName, birthDate });
      }
      case 'PatientUpdated': {
        if (entry === null) return null;
        const { firstName = entry.firstName, lastName = entry.lastName, birthDate = entry.birthDate } = event.data.changes;
        return entryFor({ patientId: entry.patientId, cabinetId: entry.cabinetId, firstName, lastName, birthDate });
      }
      case 'PatientDeleted':
        return null;
      case 'PatientReminderPreferencesChanged':
        return entry;
      default:
        return unreachable(event);
    }
  },
};
