import type { DatesSetArg, EventChangeArg, EventClickArg, EventContentArg, EventInput, EventMountArg, DateSelectArg, CalendarApi } from '@fullcalendar/core';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import frLocale from '@fullcalendar/core/locales/fr';
import interactionPlugin from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { ActionIcon, Button, Group, Title } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaEventProps, ReminderState } from './agenda-events';
import { reminderMarks, visibleHours } from './agenda-events';
import { wallNow } from './calendar-time';

const plugins = [timeGridPlugin, interactionPlugin];
const businessHours = { daysOfWeek: [1, 2, 3, 4, 5, 6], startTime: '08:00', endTime: '20:00' };
const timeFormat = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
const views = {
  timeGridWeek: { dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'numeric', omitCommas: true } },
  timeGridDay: { dayHeaderFormat: { weekday: 'long', day: 'numeric', month: 'long' } },
} as const;

export type AgendaView = 'timeGridWeek' | 'timeGridDay';

interface AgendaCalendarProps {
  readonly events: EventInput[];
  /** When the appointments behind `events` arrived (0: not yet); each arrival gets an 'agenda:rendered' mark once painted. */
  readonly dataUpdatedAt: number;
  readonly timeZone: string;
  readonly view: AgendaView;
  readonly canWrite: boolean;
  /** The visible days changed: their first and last midnight, as wall dates. */
  readonly onDates: (start: Date, end: Date) => void;
  readonly onSelectSlot: (start: Date, end: Date) => void;
  readonly onOpen: (appointmentId: string) => void;
  readonly onChange: (change: EventChangeArg) => void;
  /** Buttons beside the navigation (new appointment, filters). */
  readonly actions?: ReactNode;
}

/**
 * FullCalendar's week (or day, on a narrow screen) at the cabinet's wall-clock time: run in UTC
 * and given wall dates (calendar-time). Its own toolbar is replaced by Mantine buttons with names
 * in the reader's language; every option object is stable so that a re-render of the screen does
 * not make it redraw 200 appointments.
 */
export const AgendaCalendar = memo(function AgendaCalendar({ events, dataUpdatedAt, timeZone, view, canWrite, onDates, onSelectSlot, onOpen, onChange, actions }: AgendaCalendarProps) {
  const { t, i18n } = useTranslation('agenda');
  const calendarRef = useRef<FullCalendar>(null);
  const [title, setTitle] = useState('');
  const api = (): CalendarApi | undefined => calendarRef.current?.getApi();

  useEffect(() => {
    const calendar = api();
    if (calendar && calendar.view.type !== view) calendar.changeView(view);
  }, [view]);

  // The lead's benchmark: 'agenda:data' (queries.ts) to 'agenda:rendered', once the new events are painted.
  const awaitingPaint = useRef<EventInput[] | null>(null);
  const lastArrival = useRef(0);
  if (dataUpdatedAt !== 0 && lastArrival.current !== dataUpdatedAt) {
    lastArrival.current = dataUpdatedAt;
    // An empty week has nothing to paint (and FullCalendar reports an empty set on every view change).
    awaitingPaint.current = events.length > 0 ? events : null;
  }
  const eventsSet = useCallback((shown: unknown[]) => {
    const expected = awaitingPaint.current;
    if (!expected || shown.length !== expected.length) return;
    awaitingPaint.current = null;
    requestAnimationFrame(() => setTimeout(() => performance.mark('agenda:rendered'), 0));
  }, []);

  const now = useCallback(() => wallNow(timeZone), [timeZone]);
  const { slotMinTime, slotMaxTime } = useMemo(() => visibleHours(events), [events]);
  const cancelledLabel = t('event.cancelled');
  const reminderLabels = useMemo(
    () => ({ planned: t('reminder.planned'), sent: t('reminder.sent'), failed: t('reminder.failed'), none: t('reminder.none') }),
    [t],
  );
  const eventContent = useCallback((arg: EventContentArg) => eventNodes(arg, cancelledLabel, reminderLabels), [cancelledLabel, reminderLabels]);
  const datesSet = useCallback(
    (arg: DatesSetArg) => {
      setTitle(arg.view.title);
      onDates(arg.start, arg.end);
    },
    [onDates],
  );
  const select = useCallback((arg: DateSelectArg) => onSelectSlot(arg.start, arg.end), [onSelectSlot]);
  const eventClick = useCallback(
    (arg: EventClickArg) => {
      arg.jsEvent.preventDefault();
      onOpen(arg.event.id);
    },
    [onOpen],
  );

  const unit = view === 'timeGridDay' ? 'day' : 'week';
  return (
    <div>
      <Group justify="space-between" mb="sm" gap="sm">
        <Group gap="xs" role="group" aria-label={t('nav.label')}>
          <ActionIcon variant="default" size="lg" aria-label={t(`nav.previous.${unit}`)} onClick={() => api()?.prev()}>
            <span aria-hidden>‹</span>
          </ActionIcon>
          <Button variant="default" onClick={() => api()?.today()}>
            {t('nav.today')}
          </Button>
          <ActionIcon variant="default" size="lg" aria-label={t(`nav.next.${unit}`)} onClick={() => api()?.next()}>
            <span aria-hidden>›</span>
          </ActionIcon>
          <Title order={2} size="h4" ml="xs" aria-live="polite">
            {title}
          </Title>
        </Group>
        {actions}
      </Group>
      <div className="agenda-calendar">
        <FullCalendar
          ref={calendarRef}
          plugins={plugins}
          initialView={view}
          headerToolbar={false}
          timeZone="UTC"
          now={now}
          locale={i18n.language === 'en' ? enGbLocale : frLocale}
          firstDay={1}
          height="auto"
          allDaySlot={false}
          nowIndicator
          businessHours={businessHours}
          slotMinTime={slotMinTime}
          slotMaxTime={slotMaxTime}
          slotDuration="00:30:00"
          snapDuration="00:15:00"
          slotLabelFormat={timeFormat}
          displayEventTime={false}
          views={views}
          events={events}
          eventContent={eventContent}
          eventDidMount={markAsButton}
          eventsSet={eventsSet}
          eventInteractive
          eventClick={eventClick}
          datesSet={datesSet}
          selectable={canWrite}
          selectMirror
          select={select}
          editable={canWrite}
          eventDrop={onChange}
          eventResize={onChange}
          longPressDelay={400}
        />
      </div>
    </div>
  );
});

/**
 * Time (with "cancelled", or the reminder's state once known), patient, practitioner: in words,
 * so the colour is never the only clue; plain DOM, cheap for 200 events. The time is read off the wall dates rather than formatted by
 * FullCalendar, whose range formatting builds an Intl formatter per event (half the week's render).
 */
function eventNodes(arg: EventContentArg, cancelledLabel: string, reminderLabels: Readonly<Record<ReminderState, string>>) {
  const props = arg.event.extendedProps as AgendaEventProps;
  const box = document.createElement('div');
  box.className = 'agenda-event';
  const line = (className: string, text: string) => {
    const element = document.createElement('div');
    element.className = className;
    element.textContent = text;
    box.appendChild(element);
  };
  const { start, end } = arg.event;
  const time = start && end ? `${start.toISOString().slice(11, 16)} – ${end.toISOString().slice(11, 16)}` : '';
  line('agenda-event-time', props.cancelled ? `${time} · ${cancelledLabel}` : time);
  // On the first line, which even a short appointment shows: a mark (the legend above the week
  // says which is which) and, for screen readers and searches, the words.
  if (props.reminder) {
    const mark = document.createElement('span');
    mark.className = `agenda-event-reminder agenda-event-reminder-${props.reminder}`;
    mark.setAttribute('aria-hidden', 'true');
    mark.textContent = reminderMarks[props.reminder];
    const words = document.createElement('span');
    words.className = 'agenda-visually-hidden';
    words.textContent = ` · ${reminderLabels[props.reminder]}`;
    box.lastElementChild?.append(' ', mark, words);
  }
  line('agenda-event-patient', arg.event.title);
  line('agenda-event-practitioner', props.practitionerName);
  return { domNodes: [box] };
}

/** FullCalendar makes events focusable and opens them with Enter; a button is what they are to a screen reader. */
function markAsButton(arg: EventMountArg) {
  arg.el.setAttribute('role', 'button');
}
