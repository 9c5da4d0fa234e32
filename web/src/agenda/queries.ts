import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { unwrap, type ApiClient } from '../api/client';
import { pollUntil } from '../api/eventual';
import type { components } from '../api/schema';
import { useApi } from '../app/platform';

type Schemas = components['schemas'];

/** One line of the agenda, as GET /cabinets/:id/appointments lists it. */
export type Appointment = Schemas['AppointmentViewDto'];

/**
 * GET /appointments/:id: the line and the patient record it points to. The API does not give the
 * reason back (it stays in planning's write model): `reason` is read only if it ever does.
 */
export type AppointmentDetails = Schemas['AppointmentDetailsDto'] & { readonly reason?: string | null };

/** One reminder of an appointment (GET /reminders), by channel: planned, sent, failed or cancelled. */
export type Reminder = Schemas['ReminderDto'];

/** Who practises in the cabinet; `displayName` is null until identity's account event has reached access-grant. */
export type Practitioner = Schemas['PractitionerViewDto'];

/** The instants asked of the API: the visible days, midnight to midnight in the cabinet. */
export interface AgendaRange {
  readonly from: string;
  readonly to: string;
}

export const weekAppointmentsKey = (cabinetId: string, range: AgendaRange) => ['agenda', 'appointments', cabinetId, range.from, range.to] as const;

async function readAppointments(api: ApiClient, cabinetId: string, range: AgendaRange): Promise<Appointment[]> {
  return unwrap(api.GET('/api/v1/cabinets/{cabinetId}/appointments', { params: { path: { cabinetId }, query: { from: range.from, to: range.to } } }));
}

/** The cabinet's appointments over the visible days; the previous days stay shown while the next load (same cabinet only). */
export function useWeekAppointments(cabinetId: string, range: AgendaRange | null) {
  const api = useApi();
  return useQuery({
    queryKey: range ? weekAppointmentsKey(cabinetId, range) : ['agenda', 'appointments', cabinetId, 'none'],
    enabled: range !== null,
    queryFn: async () => {
      const appointments = await readAppointments(api, cabinetId, range!);
      // The lead's benchmark measures from here to 'agenda:rendered' (AgendaCalendar's eventsSet, after paint).
      performance.mark('agenda:data');
      return appointments;
    },
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === cabinetId ? keepPreviousData(previous) : undefined),
    // Others book too (the secretary while the osteopath looks): read again now and then; an unchanged list keeps its identity, nothing redraws.
    refetchInterval: 30_000,
  });
}

/**
 * The reminders of the appointments starting over the visible days (GET /reminders). The agenda
 * stands without them: while they load, or if they cannot be read, no reminder state is shown.
 */
export function useReminders(cabinetId: string, range: AgendaRange | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['agenda', 'reminders', cabinetId, range?.from, range?.to],
    enabled: range !== null,
    queryFn: (): Promise<Reminder[]> => unwrap(api.GET('/api/v1/reminders', { params: { query: { cabinetId, from: range!.from, to: range!.to } } })),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === cabinetId ? keepPreviousData(previous) : undefined),
    // Reminders go out while the agenda is open: a sent one shows within a minute.
    refetchInterval: 60_000,
  });
}

/** One appointment, with the patient record it points to. */
export function useAppointment(appointmentId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['agenda', 'appointment', appointmentId],
    enabled: appointmentId !== null,
    queryFn: (): Promise<AppointmentDetails> => unwrap(api.GET('/api/v1/appointments/{appointmentId}', { params: { path: { appointmentId: appointmentId! } } })),
  });
}

export interface BookingRequest {
  readonly practitionerId: string;
  readonly patientName: string;
  readonly start: string;
  readonly end: string;
  readonly reason?: string;
}

export interface AppointmentChange {
  readonly start?: string;
  readonly end?: string;
  readonly reason?: string | null;
}

/** Whether the list shows an appointment where a change put it. */
export function showsChange(appointmentId: string, change: AppointmentChange): (list: Appointment[]) => boolean {
  const sameInstant = (left: string, right: string) => Date.parse(left) === Date.parse(right);
  return (list) => {
    const moved = list.find((appointment) => appointment.appointmentId === appointmentId);
    return !moved || ((!change.start || sameInstant(moved.start, change.start)) && (!change.end || sameInstant(moved.end, change.end)));
  };
}

/**
 * After a write, the list is a read model that catches up within a second: read the visible days
 * again until `shows` holds, then put that list in the cache.
 */
async function waitForList(queryClient: QueryClient, api: ApiClient, cabinetId: string, range: AgendaRange, shows: (list: Appointment[]) => boolean): Promise<void> {
  const list = await pollUntil(() => readAppointments(api, cabinetId, range), shows, { timeoutMs: 10_000, intervalMs: 300 });
  queryClient.setQueryData(weekAppointmentsKey(cabinetId, range), list);
  await queryClient.invalidateQueries({ queryKey: ['agenda', 'appointments', cabinetId], refetchType: 'none' });
}

/**
 * Waits for the agenda to show a write (see waitForList) and says whether some wait is under way,
 * so the screen can say "the list is catching up" meanwhile.
 */
export function useListCatchUp(cabinetId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(0);
  const catchUp = useCallback(
    async (range: AgendaRange, shows: (list: Appointment[]) => boolean) => {
      setPending((count) => count + 1);
      try {
        await waitForList(queryClient, api, cabinetId, range, shows);
      } catch {
        await queryClient.invalidateQueries({ queryKey: ['agenda', 'appointments', cabinetId] });
      } finally {
        setPending((count) => count - 1);
      }
    },
    [api, queryClient, cabinetId],
  );
  return { waiting: pending > 0, catchUp };
}

/** POST /cabinets/:id/appointments; resolves once the write is durable (the list catches up after: useListCatchUp). */
export function useBookAppointment(cabinetId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: ({ booking }: { booking: BookingRequest }) => unwrap(api.POST('/api/v1/cabinets/{cabinetId}/appointments', { params: { path: { cabinetId } }, body: booking })),
  });
}

/** PATCH /appointments/:id (move, resize, reason), shown at once in the cache and confirmed by the read model. */
export function useChangeAppointment(cabinetId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ appointmentId, change }: { appointmentId: string; change: AppointmentChange; range: AgendaRange }) => {
      await unwrap(api.PATCH('/api/v1/appointments/{appointmentId}', { params: { path: { appointmentId } }, body: change }));
    },
    onMutate: ({ appointmentId, change, range }) => {
      const key = weekAppointmentsKey(cabinetId, range);
      const before = queryClient.getQueryData<Appointment[]>(key);
      if (before && (change.start || change.end)) {
        queryClient.setQueryData<Appointment[]>(
          key,
          before.map((appointment) =>
            appointment.appointmentId === appointmentId ? { ...appointment, start: change.start ?? appointment.start, end: change.end ?? appointment.end } : appointment,
          ),
        );
      }
      return { key, before };
    },
    onError: (_error, _variables, context) => {
      if (context?.before) queryClient.setQueryData(context.key, context.before);
    },
    onSuccess: (_data, { appointmentId }) => void queryClient.invalidateQueries({ queryKey: ['agenda', 'appointment', appointmentId] }),
  });
}

/** POST /appointments/:id/cancel: the slot is free again. */
export function useCancelAppointment() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ appointmentId }: { appointmentId: string }) => {
      await unwrap(api.POST('/api/v1/appointments/{appointmentId}/cancel', { params: { path: { appointmentId } } }));
    },
    onSuccess: (_data, { appointmentId }) => void queryClient.invalidateQueries({ queryKey: ['agenda', 'appointment', appointmentId] }),
  });
}
