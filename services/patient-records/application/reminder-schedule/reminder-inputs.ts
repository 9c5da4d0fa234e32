import type {
  AppointmentBookedV1,
  AppointmentBookedV2,
  AppointmentMovedV1,
  CabinetOpenedV1,
  CabinetOpenedV2,
  CabinetReminderSettingsChangedV1,
  CabinetReminderSettingsChangedV2,
  CabinetRenamedV1,
  CabinetTimeZoneChangedV1,
  IntegrationEnvelope,
} from '@osteo/contracts';
import { cabinetTimeZoneOf } from '@osteo/contracts';
import { type DocumentProjection, UnprocessableMessageError } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import { accountNamesProjection, type PracticeContactField, type SealedPracticeContacts } from '@osteo/platform';
import { reminderChannels, type PatientEvent, type ReminderChannel } from '../../domain/patient';

/**
 * What the reminder schedule reads, each from where it is said: appointments from planning.events,
 * cabinets from access.events, practitioners' names from identity.events, and the patients'
 * preferences and contact from this service's own store (addresses and numbers never travel on
 * Kafka). Each is a projection guarded like every other (replayed twice, it writes the same).
 */
export type ReminderAppointment = {
  readonly _id: string;
  readonly cabinetId: string;
  readonly practitionerId: string;
  readonly patientId: string | null;
  /** ISO instant, UTC. */
  readonly start: string;
  /** When it was booked or last moved: a reminder whose due time was already past then is none. */
  readonly scheduledAt: string;
  readonly cancelled: boolean;
};

/**
 * What CabinetReminderSettingsChanged says, its address and phone opened (sealed on the topic since
 * version 2); a cabinet that never said has DEFAULT_REMINDER_DELAY_HOURS, no address, no phone.
 */
export type CabinetReminderSettings = Pick<CabinetReminderSettingsChangedV1, 'delayHours' | 'address' | 'phone'>;

export type ReminderCabinet = {
  readonly _id: string;
  readonly name: string;
  readonly timeZone: string;
  /** The address the cabinet opened with; the reminder settings' address, when given, wins. */
  readonly openingAddress: string | null;
  readonly settings: CabinetReminderSettings | null;
  /** When the settings last changed: a delay that puts a due time before it plans nothing new then. */
  readonly settingsChangedAt: string | null;
  readonly closed: boolean;
};

export type ReminderPractitioner = { readonly _id: string; readonly displayName: string };

export type ReminderContact = {
  readonly _id: string;
  readonly cabinetId: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly channels: readonly ReminderChannel[];
  readonly consentDate: string | null;
  /** When the preferences or the contact last changed. */
  readonly changedAt: string;
};

export const REMINDER_APPOINTMENTS = 'patient_records_reminder_appointments';
export const REMINDER_CABINETS = 'patient_records_reminder_cabinets';
export const REMINDER_PRACTITIONERS = 'patient_records_reminder_practitioners';
export const REMINDER_CONTACTS = 'patient_records_reminder_contacts';

const utc = (instant: string): string => new Date(instant).toISOString();

export const reminderAppointmentsProjection: DocumentProjection<ReminderAppointment> = {
  name: 'patient-records.reminder-appointments',
  collection: REMINDER_APPOINTMENTS,
  handles: ['AppointmentBooked', 'AppointmentMoved', 'AppointmentCancelled'],
  understoodVersions: [1, 2],
  documentId: (envelope) => String(envelope.data.appointmentId),
  evolve(appointment, envelope) {
    switch (envelope.type) {
      case 'AppointmentBooked': {
        const booked = envelope.data as unknown as AppointmentBookedV1 | AppointmentBookedV2;
        return {
          _id: booked.appointmentId,
          cabinetId: booked.cabinetId,
          practitionerId: booked.practitionerId,
          patientId: booked.patientId,
          start: utc(booked.start),
          scheduledAt: utc(envelope.occurredAt),
          cancelled: false,
        };
      }
      case 'AppointmentMoved': {
        const moved = envelope.data as unknown as AppointmentMovedV1;
        return appointment === null ? null : { ...appointment, practitionerId: moved.practitionerId, start: utc(moved.start), scheduledAt: utc(envelope.occurredAt) };
      }
      default:
        return appointment === null ? null : { ...appointment, cancelled: true };
    }
  },
};

export const REMINDER_CABINET_EVENTS: readonly string[] = ['CabinetOpened', 'CabinetRenamed', 'CabinetTimeZoneChanged', 'CabinetReminderSettingsChanged', 'CabinetClosed'];

/**
 * A practice's address and phone, sealed on access.events since #14 (version 2 of CabinetOpened and
 * CabinetReminderSettingsChanged) for access-grant and this service, are opened here, bound to the
 * event that carries them, and kept in clear in this service's read model, which reminders print.
 */
export const reminderCabinetsProjection = (seals: SealedPracticeContacts): DocumentProjection<ReminderCabinet> => ({
  name: 'patient-records.reminder-cabinets',
  collection: REMINDER_CABINETS,
  handles: REMINDER_CABINET_EVENTS,
  understoodVersions: [1, 2],
  documentId: (envelope) => String(envelope.data.cabinetId),
  evolve(cabinet, envelope) {
    const sealedIn = { cabinetId: String(envelope.data.cabinetId), eventId: envelope.eventId };
    const open = (sealed: string | null, field: PracticeContactField): string | null => {
      try {
        return seals.open(sealed, field, sealedIn);
      } catch {
        // Sealed with another key (access-grant's EMAIL_DIGEST_KEY differs), or moved from another event: no retry will ever open it.
        throw new UnprocessableMessageError('REMINDER.PRACTICE_CONTACT_UNREADABLE', `${envelope.type} ${envelope.eventId}: its ${field} does not open with this EMAIL_DIGEST_KEY`);
      }
    };
    if (envelope.type === 'CabinetOpened') {
      const opened = envelope.data as unknown as CabinetOpenedV1 | CabinetOpenedV2;
      const openingAddress = 'addressSealed' in opened ? open(opened.addressSealed, 'address') : opened.address;
      return { _id: opened.cabinetId, name: opened.name, timeZone: cabinetTimeZoneOf(opened), openingAddress, settings: cabinet?.settings ?? null, settingsChangedAt: cabinet?.settingsChangedAt ?? null, closed: false };
    }
    const known: ReminderCabinet = cabinet ?? { _id: String(envelope.data.cabinetId), name: '', timeZone: cabinetTimeZoneOf({}), openingAddress: null, settings: null, settingsChangedAt: null, closed: false };
    switch (envelope.type) {
      case 'CabinetRenamed':
        return { ...known, name: (envelope.data as unknown as CabinetRenamedV1).name };
      case 'CabinetTimeZoneChanged':
        return { ...known, timeZone: (envelope.data as unknown as CabinetTimeZoneChangedV1).timeZone };
      case 'CabinetReminderSettingsChanged': {
        const changed = envelope.data as unknown as CabinetReminderSettingsChangedV1 | CabinetReminderSettingsChangedV2;
        const settings: CabinetReminderSettings =
          'addressSealed' in changed
            ? { delayHours: changed.delayHours, address: open(changed.addressSealed, 'address'), phone: open(changed.phoneSealed, 'phone') }
            : { delayHours: changed.delayHours, address: changed.address, phone: changed.phone };
        return { ...known, settings, settingsChangedAt: utc(envelope.occurredAt) };
      }
      default:
        return { ...known, closed: true };
    }
  },
});

export const reminderPractitionersProjection: DocumentProjection<ReminderPractitioner> = accountNamesProjection('patient-records.reminder-practitioners', REMINDER_PRACTITIONERS);

/** A field erased with its patient's key reads ERASED: nothing to send to. */
const reachable = (value: string | null | undefined): string | null => (value === undefined || value === null || value === ERASED ? null : value);
const knownChannels = (channels: unknown): ReminderChannel[] => (Array.isArray(channels) ? reminderChannels.filter((channel) => channels.includes(channel)) : []);

export const reminderContactsProjection: DocumentProjection<ReminderContact> = {
  name: 'patient-records.reminder-contacts',
  collection: REMINDER_CONTACTS,
  handles: Object.keys({ PatientRegistered: true, PatientUpdated: true, PatientReminderPreferencesChanged: true, PatientDeleted: true } satisfies Record<PatientEvent['type'], true>),
  documentId: (envelope) => String(envelope.data.patientId),
  evolve(contact, envelope: IntegrationEnvelope) {
    const event = { type: envelope.type, data: envelope.data } as PatientEvent;
    const changedAt = utc(envelope.occurredAt);
    switch (event.type) {
      case 'PatientRegistered':
        return { _id: event.data.patientId, cabinetId: event.data.cabinetId, email: reachable(event.data.email), phone: reachable(event.data.phone), channels: [], consentDate: null, changedAt };
      case 'PatientUpdated': {
        if (contact === null) return null;
        const { email, phone } = event.data.changes;
        if (email === undefined && phone === undefined) return contact;
        return { ...contact, ...(email !== undefined && { email: reachable(email) }), ...(phone !== undefined && { phone: reachable(phone) }), changedAt };
      }
      case 'PatientReminderPreferencesChanged':
        return contact === null ? null : { ...contact, channels: knownChannels(event.data.channels), consentDate: reachable(event.data.consentDate), changedAt };
      case 'PatientDeleted':
        return null;
      default:
        return contact;
    }
  },
};
