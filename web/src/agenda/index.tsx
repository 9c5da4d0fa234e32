import './agenda.css';
import type { EventChangeArg } from '@fullcalendar/core';
import { Alert, Button, Group, NativeSelect, Stack, Switch, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { can } from '@osteo/access-policy';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Cabinet } from '../access/queries';
import { useSpace } from '../access/space-context';
import { notifyFailure, notifySuccess } from '../components/notify';
import { QueryState, useErrorMessage } from '../components/QueryState';
import { AgendaCalendar } from './AgendaCalendar';
import { agendaEvents, reminderMarks, remindersByAppointment, type ReminderState } from './agenda-events';
import { instantsOf, type WhenValues } from './appointment-form';
import { AppointmentModal } from './AppointmentModal';
import { addDays, fromWallDate, minutesOfDay, rangeOfWallDates, timeOfMinutes, wallDayAndTime, wallNow } from './calendar-time';
import { NewAppointmentModal, type NewAppointmentValues } from './NewAppointmentModal';
import { practitionerColours } from './practitioner-colours';
import { usePractitioners } from '../access/queries';
import {
  showsChange,
  useBookAppointment,
  useCancelAppointment,
  useChangeAppointment,
  useListCatchUp,
  useReminders,
  useWeekAppointments,
  type AgendaRange,
  type Appointment,
  type AppointmentChange,
  type Practitioner,
} from './queries';

const DEFAULT_DURATION_MINUTES = 45;

/** The agenda area: one cabinet's week (the cabinet chosen when the space has several). */
export default function AgendaArea() {
  const { t } = useTranslation('agenda');
  const { access, cabinets } = useSpace();
  const [params, setParams] = useSearchParams();
  const readable = useMemo(
    () => cabinets.filter((cabinet) => can(access, 'appointment.read', { kind: 'cabinet', cabinetId: cabinet.cabinetId }) === 'allow'),
    [access, cabinets],
  );
  const cabinet = readable.find((candidate) => candidate.cabinetId === params.get('cabinet')) ?? readable[0];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>{t('title')}</Title>
          {cabinet && readable.length === 1 && <Text c="gray.7">{cabinet.name}</Text>}
        </div>
        {readable.length > 1 && cabinet && (
          <NativeSelect
            label={t('cabinet.label')}
            data={readable.map((candidate) => ({ value: candidate.cabinetId, label: candidate.name }))}
            value={cabinet.cabinetId}
            onChange={(event) => setParams({ cabinet: event.currentTarget.value }, { replace: true })}
            miw={220}
          />
        )}
      </Group>
      {cabinet ? (
        <CabinetAgenda key={cabinet.cabinetId} cabinet={cabinet} />
      ) : (
        <Alert color="gray" role="status">
          {t('cabinet.none')}
        </Alert>
      )}
    </Stack>
  );
}

function CabinetAgenda({ cabinet }: { cabinet: Cabinet }) {
  const { t } = useTranslation('agenda');
  const { access, me } = useSpace();
  const errorMessage = useErrorMessage();
  const { cabinetId, timeZone } = cabinet;
  const canWrite = can(access, 'appointment.write', { kind: 'cabinet', cabinetId }) === 'allow';
  const narrow = useMediaQuery('(max-width: 767px)', false, { getInitialValueInEffect: false });

  const [range, setRange] = useState<AgendaRange | null>(null);
  const [firstDay, setFirstDay] = useState<string | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [slot, setSlot] = useState<(WhenValues & { key: number }) | null>(null);
  const [openedId, setOpenedId] = useState<string | null>(null);

  const practitioners = usePractitioners(cabinetId);
  const appointments = useWeekAppointments(cabinetId, range);
  const reminders = useReminders(cabinetId, range);
  const remindersOf = useMemo(() => (reminders.data ? remindersByAppointment(reminders.data) : undefined), [reminders.data]);
  const book = useBookAppointment(cabinetId);
  const change = useChangeAppointment(cabinetId);
  const cancel = useCancelAppointment();
  const { waiting, catchUp } = useListCatchUp(cabinetId);

  const unnamed = t('practitioner.unnamed');
  const former = t('practitioner.former');
  const colours = useMemo(() => practitionerColours((practitioners.data ?? []).map((practitioner) => practitioner.accountId)), [practitioners.data]);
  const names = useMemo(
    () => new Map((practitioners.data ?? []).map((practitioner) => [practitioner.accountId, practitioner.displayName ?? unnamed])),
    [practitioners.data, unnamed],
  );
  const events = useMemo(
    () => agendaEvents(appointments.data ?? [], { timeZone, colours, names, formerPractitioner: former, showCancelled, canWrite, reminders: remindersOf }),
    [appointments.data, timeZone, colours, names, former, showCancelled, canWrite, remindersOf],
  );

  // The calendar's handlers stay the same functions from one render to the next (no redraw of the week); they read the latest state here.
  const latest = useRef({ range, timeZone, errorMessage, t });
  latest.current = { range, timeZone, errorMessage, t };

  const onDates = useCallback(
    (start: Date, end: Date) => {
      const next = rangeOfWallDates(start, end, timeZone);
      setRange((previous) => (previous && previous.from === next.from && previous.to === next.to ? previous : next));
      setFirstDay(wallDayAndTime(start).day);
    },
    [timeZone],
  );

  const onSelectSlot = useCallback((start: Date, end: Date) => {
    const from = wallDayAndTime(start);
    const to = wallDayAndTime(end);
    const clicked = end.getTime() - start.getTime() <= 30 * 60_000;
    const endTime = clicked || to.day !== from.day ? timeOfMinutes(minutesOfDay(from.time) + DEFAULT_DURATION_MINUTES) : to.time;
    setSlot({ key: Date.now(), day: from.day, start: from.time, end: endTime });
  }, []);

  const onEventChange = useCallback(
    async (info: EventChangeArg) => {
      const { range: current, timeZone: zone, errorMessage: messageOf, t: translate } = latest.current;
      if (!current || !info.event.start || !info.event.end) return info.revert();
      const moved: AppointmentChange = { start: fromWallDate(info.event.start, zone), end: fromWallDate(info.event.end, zone) };
      try {
        await change.mutateAsync({ appointmentId: info.event.id, change: moved, range: current });
        notifySuccess(translate('moved', { patient: info.event.title }));
        void catchUp(current, showsChange(info.event.id, moved));
      } catch (error) {
        info.revert();
        notifyFailure(messageOf(error));
      }
    },
    [change.mutateAsync, catchUp],
  );

  const openNew = () => {
    const now = wallDayAndTime(wallNow(timeZone));
    const visible = firstDay !== null && range !== null && now.day >= firstDay && now.day < addDays(firstDay, narrow ? 1 : 7);
    // The next whole hour today if the week shown is this one and the day is not over, else 09:00 on the first day shown.
    const nextHour = Math.max(8 * 60, (Math.floor(minutesOfDay(now.time) / 60) + 1) * 60);
    const today = (visible || firstDay === null) && nextHour <= 19 * 60;
    setSlot({
      key: Date.now(),
      day: today ? now.day : visible ? addDays(now.day, 1) : (firstDay ?? now.day),
      start: timeOfMinutes(today ? nextHour : 9 * 60),
      end: timeOfMinutes((today ? nextHour : 9 * 60) + DEFAULT_DURATION_MINUTES),
    });
  };

  const onBook = async (values: NewAppointmentValues) => {
    const instants = instantsOf(values, timeZone);
    const booking = { practitionerId: values.practitionerId, patientName: values.patientName.trim(), ...instants, ...(values.reason.trim() ? { reason: values.reason.trim() } : {}) };
    const { appointmentId } = await book.mutateAsync({ booking });
    setSlot(null);
    notifySuccess(t('created', { patient: booking.patientName }));
    if (range) void catchUp(range, (list) => list.some((appointment) => appointment.appointmentId === appointmentId));
  };

  const onChange = async (appointment: Appointment, patch: AppointmentChange) => {
    if (!range) return;
    await change.mutateAsync({ appointmentId: appointment.appointmentId, change: patch, range });
    setOpenedId(null);
    notifySuccess(t('changed', { patient: appointment.patientName }));
    if (patch.start || patch.end) void catchUp(range, showsChange(appointment.appointmentId, patch));
  };

  const onCancel = async (appointment: Appointment) => {
    await cancel.mutateAsync({ appointmentId: appointment.appointmentId });
    setOpenedId(null);
    notifySuccess(t('cancelled', { patient: appointment.patientName }));
    if (range) void catchUp(range, (list) => list.every((line) => line.appointmentId !== appointment.appointmentId || line.status === 'cancelled'));
  };

  // The same element from one render to the next, so that the memoised calendar does not redraw while the list loads.
  const openNewRef = useRef(openNew);
  openNewRef.current = openNew;
  const cannotBook = practitioners.data === undefined || practitioners.data.length === 0;
  const actions = useMemo(
    () => (
      <Group gap="sm">
        <Switch label={t('showCancelled')} checked={showCancelled} onChange={(event) => setShowCancelled(event.currentTarget.checked)} />
        {canWrite && (
          <Button onClick={() => openNewRef.current()} disabled={cannotBook}>
            {t('create.open')}
          </Button>
        )}
      </Group>
    ),
    [t, showCancelled, canWrite, cannotBook],
  );

  const practitionerOptions = useMemo(
    () => (practitioners.data ?? []).map((practitioner) => ({ value: practitioner.accountId, label: practitioner.displayName ?? unnamed })),
    [practitioners.data, unnamed],
  );
  const defaultPractitionerId = practitionerOptions.some((option) => option.value === me.accountId) ? me.accountId : (practitionerOptions[0]?.value ?? '');
  const opened = openedId ? (appointments.data?.find((appointment) => appointment.appointmentId === openedId) ?? null) : null;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <Stack gap="sm">
      {browserZone !== timeZone && <Text size="sm">{t('zone.notice', { zone: timeZone })}</Text>}
      <Legend practitioners={practitioners.data} colours={colours} query={practitioners} />
      {remindersOf && <ReminderLegend />}
      <QueryState query={appointments}>{() => null}</QueryState>
      <Text size="sm" role="status" aria-live="polite">
        {waiting ? t('common:waitingForUpdate') : appointments.data && events.length === 0 ? t('empty') : ''}
      </Text>
      <AgendaCalendar
        events={events}
        dataUpdatedAt={appointments.isPlaceholderData ? 0 : appointments.dataUpdatedAt}
        timeZone={timeZone}
        view={narrow ? 'timeGridDay' : 'timeGridWeek'}
        canWrite={canWrite}
        onDates={onDates}
        onSelectSlot={onSelectSlot}
        onOpen={setOpenedId}
        onChange={onEventChange}
        actions={actions}
      />
      {canWrite && (
        <NewAppointmentModal
          slot={slot}
          timeZone={timeZone}
          practitioners={practitionerOptions}
          defaultPractitionerId={defaultPractitionerId}
          onClose={() => setSlot(null)}
          onSubmit={onBook}
        />
      )}
      <AppointmentModal
        appointment={opened}
        practitionerName={opened ? (names.get(opened.practitionerId) ?? former) : ''}
        reminders={opened && remindersOf ? (remindersOf.get(opened.appointmentId) ?? []) : undefined}
        timeZone={timeZone}
        canWrite={canWrite}
        onClose={() => setOpenedId(null)}
        onChange={onChange}
        onCancel={onCancel}
      />
    </Stack>
  );
}

/** Whose colour is whose, by name (the secretary sees names, never ids). */
function Legend({ practitioners, colours, query }: { practitioners: readonly Practitioner[] | undefined; colours: ReadonlyMap<string, string>; query: ReturnType<typeof usePractitioners> }) {
  const { t } = useTranslation('agenda');
  if (!practitioners) return <QueryState query={query}>{() => null}</QueryState>;
  return (
    <Group component="ul" aria-label={t('legend.label')} gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
      {practitioners.map((practitioner) => (
        <Group component="li" key={practitioner.accountId} gap={6} wrap="nowrap">
          <span className="agenda-swatch" style={{ background: colours.get(practitioner.accountId) }} aria-hidden />
          <Text size="sm">
            {practitioner.displayName ?? t('practitioner.unnamed')} <Text span c="gray.7" size="sm">({t(`role.${practitioner.role}`)})</Text>
          </Text>
        </Group>
      ))}
    </Group>
  );
}

/** What the marks after an appointment's time say of its reminder. */
function ReminderLegend() {
  const { t } = useTranslation('agenda');
  const states: readonly ReminderState[] = ['planned', 'sent', 'failed', 'none'];
  return (
    <Group gap="md" wrap="wrap">
      <Text size="sm" fw={500} id="reminder-legend">
        {t('reminder.legend')}
      </Text>
      <Group component="ul" aria-labelledby="reminder-legend" gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
        {states.map((state) => (
          <Text component="li" key={state} size="sm">
            <span aria-hidden className={`agenda-event-reminder-${state}`}>
              {reminderMarks[state]}
            </span>{' '}
            {t(`reminder.${state}`)}
          </Text>
        ))}
      </Group>
    </Group>
  );
}
