import type { ReminderSettings } from '../access/queries';
import { offsetMinutes } from '../format/dates';
import { phoneForReading, phoneInE164 } from '../format/phone';

/**
 * What the cabinet forms check before anything is sent, mirroring the API's DTOs
 * (services/access-grant/interface/access-grant.dto.ts: OpenCabinetDto, ChangeCabinetDto,
 * InviteColleagueDto, ReminderSettingsDto), and what each screen derives from the API's answers.
 */
export const CABINET_NAME_MAX_LENGTH = 120;
export const CABINET_ADDRESS_MAX_LENGTH = 300;
export const EMAIL_MAX_LENGTH = 254;
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CabinetValues {
  readonly name: string;
  readonly address: string;
  readonly timeZone: string;
}

export type CabinetProblems = Partial<Record<keyof CabinetValues, 'required' | 'tooLong' | 'unknown'>>;

export interface OpenCabinetBody {
  readonly name: string;
  readonly address?: string;
  readonly timeZone: string;
}

export interface ChangeCabinetBody {
  readonly name?: string;
  readonly timeZone?: string;
}

/** The time zones a cabinet may take: `Intl.supportedValuesOf('timeZone')` where the runtime has it. */
export function supportedTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.length > 0 ? zones : [DEFAULT_TIME_ZONE];
}

/** Whether the runtime knows a time zone (the API's own check). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function validateCabinet(values: CabinetValues): CabinetProblems {
  const problems: CabinetProblems = {};
  const name = values.name.trim();
  if (name.length === 0) problems.name = 'required';
  else if (name.length > CABINET_NAME_MAX_LENGTH) problems.name = 'tooLong';
  if (values.address.trim().length > CABINET_ADDRESS_MAX_LENGTH) problems.address = 'tooLong';
  if (values.timeZone.length === 0) problems.timeZone = 'required';
  else if (!isKnownTimeZone(values.timeZone)) problems.timeZone = 'unknown';
  return problems;
}

/** POST /cabinets: trimmed, the address only when there is one. */
export function toOpenCabinetBody(values: CabinetValues): OpenCabinetBody {
  const address = values.address.trim();
  return { name: values.name.trim(), ...(address ? { address } : {}), timeZone: values.timeZone };
}

/** PATCH /cabinets/:id: only what changed; null when nothing did (nothing to send). */
export function toChangeCabinetBody(current: { name: string; timeZone: string }, values: Pick<CabinetValues, 'name' | 'timeZone'>): ChangeCabinetBody | null {
  const name = values.name.trim();
  const body: { name?: string; timeZone?: string } = {};
  if (name !== current.name) body.name = name;
  if (values.timeZone !== current.timeZone) body.timeZone = values.timeZone;
  return Object.keys(body).length > 0 ? body : null;
}

/** `UTC+01:00`, `UTC−03:00`, `UTC` for a zone at an instant. */
export function utcOffsetLabel(zone: string, at: Date): string {
  const minutes = offsetMinutes(zone, at);
  if (minutes === 0) return 'UTC';
  const absolute = Math.abs(minutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  const rest = String(absolute % 60).padStart(2, '0');
  return `UTC${minutes < 0 ? '−' : '+'}${hours}:${rest}`;
}

/** A zone as people read (and search) it: `America/Port_of_Spain` → `America/Port of Spain`. */
export function timeZoneName(zone: string): string {
  return zone.replace(/_/g, ' ');
}

/**
 * The options of the time-zone picker: every zone, with its current offset, sorted by name; zones
 * the form already holds (a cabinet's current one) are kept even if the runtime's list lacks them.
 */
export function timeZoneOptions(zones: readonly string[], at: Date, keep: readonly string[] = []): { value: string; label: string }[] {
  const all = new Set([...zones, ...keep.filter((zone) => zone && isKnownTimeZone(zone))]);
  return [...all].sort((a, b) => a.localeCompare(b)).map((zone) => ({ value: zone, label: `${timeZoneName(zone)} (${utcOffsetLabel(zone, at)})` }));
}

export function validateInviteEmail(email: string): 'required' | 'invalid' | 'tooLong' | null {
  const trimmed = email.trim();
  if (trimmed.length === 0) return 'required';
  if (trimmed.length > EMAIL_MAX_LENGTH) return 'tooLong';
  return EMAIL_PATTERN.test(trimmed) ? null : 'invalid';
}

export type ColleagueStatus = 'invited' | 'active' | 'removed';

export interface Colleague {
  readonly accountId: string | null;
  readonly email: string | null;
  readonly displayName: string | null;
  readonly status: ColleagueStatus;
  readonly invitationId: string;
  readonly invitedAt: string;
}

/** The colleagues the cabinet page lists: those invited or sharing it (removed ones are history), active first, then by name. */
export function colleaguesToShow(colleagues: readonly Colleague[]): Colleague[] {
  const rank = (colleague: Colleague) => (colleague.status === 'active' ? 0 : 1);
  const label = (colleague: Colleague) => (colleague.displayName ?? colleague.email ?? '').toLocaleLowerCase();
  return colleagues.filter((colleague) => colleague.status !== 'removed').sort((a, b) => rank(a) - rank(b) || label(a).localeCompare(label(b)));
}

/** Only a colleague who shares the cabinet can be removed (the API has no withdrawal of a pending invitation). */
export function canRemoveColleague(colleague: Colleague): colleague is Colleague & { accountId: string } {
  return colleague.status === 'active' && colleague.accountId !== null;
}

// ---------------------------------------------------------------------------------------------
// Reminders: how the cabinet reminds its patients of their appointments.

/** MAX_REMINDER_DELAY_HOURS of the contracts: seven days. */
export const REMINDER_DELAY_MAX_HOURS = 168;
export const REMINDER_PHONE_MAX_LENGTH = 40;
/** What a cabinet has until its owner says otherwise (the API's default). */
export const defaultReminderSettings: ReminderSettings = { delayHours: 24, address: null, phone: null };

export interface ReminderSettingsValues {
  /** Hours as typed in the number field; '' while empty. */
  readonly delayHours: number | string;
  readonly address: string;
  readonly phone: string;
}

export type ReminderSettingsProblems = Partial<Record<keyof ReminderSettingsValues, 'required' | 'outOfRange' | 'tooLong' | 'invalidPhone'>>;

/**
 * The form as the settings stand; a cabinet that never set an address offers the one it opened
 * with, since reminders show none until one is saved.
 */
export function reminderSettingsForm(cabinet: { readonly address?: string | null; readonly reminderSettings?: ReminderSettings }): ReminderSettingsValues {
  const settings = cabinet.reminderSettings ?? defaultReminderSettings;
  return { delayHours: settings.delayHours, address: settings.address ?? cabinet.address ?? '', phone: settings.phone ? phoneForReading(settings.phone) : '' };
}

export function validateReminderSettings(values: ReminderSettingsValues): ReminderSettingsProblems {
  const problems: ReminderSettingsProblems = {};
  const delay = values.delayHours;
  if (delay === '') problems.delayHours = 'required';
  else if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > REMINDER_DELAY_MAX_HOURS) problems.delayHours = 'outOfRange';
  if (values.address.trim().length > CABINET_ADDRESS_MAX_LENGTH) problems.address = 'tooLong';
  const phone = values.phone.trim();
  if (phone.length > REMINDER_PHONE_MAX_LENGTH) problems.phone = 'tooLong';
  else if (phone !== '' && phoneInE164(phone) === undefined) problems.phone = 'invalidPhone';
  return problems;
}

/** PUT /cabinets/:id/reminder-settings: the whole of them, blank fields as none. */
export function toReminderSettingsBody(values: ReminderSettingsValues): ReminderSettings {
  const address = values.address.trim();
  const phone = values.phone.trim();
  return { delayHours: Number(values.delayHours), address: address || null, phone: phone || null };
}

/** Whether what the API answers now is what was saved (the cabinets list is a read model that catches up). */
export function sameReminderSettings(left: ReminderSettings | undefined, right: ReminderSettings): boolean {
  return left !== undefined && left.delayHours === right.delayHours && left.address === right.address && left.phone === right.phone;
}
