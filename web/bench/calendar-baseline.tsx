/**
 * The baseline of `npm run bench -- web` (bench/web.bench.ts): the week of 200 appointments the
 * agenda shows, rendered by FullCalendar alone (React, @fullcalendar/react, timegrid), static data,
 * nothing of the product around it. Built at bench time with Vite's JS API and served on loopback.
 *
 * `?monday=YYYY-MM-DD` is the Monday of the week. Two measures, each in a fresh page:
 * - `renderCalendar()`: the 'baseline:render' mark, createRoot().render of the week with its 200
 *   events, and the time until a frame is painted after FullCalendar's eventsSet has reported them
 *   ('baseline:rendered', as the agenda's 'agenda:rendered');
 * - `renderEmptyWeekBefore()` then `showNextWeek()`: the agenda's case, a mounted calendar moving to
 *   the next week, whose 200 events then arrive ('baseline:data') and are painted.
 */
import frLocale from '@fullcalendar/core/locales/fr';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import type { EventInput } from '@fullcalendar/core';
import { createRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

declare global {
  interface Window {
    renderCalendar: () => Promise<number>;
    renderEmptyWeekBefore: () => Promise<number>;
    showNextWeek: () => Promise<number>;
  }
}

const EVENT_COUNT = 200;
const monday = new URLSearchParams(location.search).get('monday') ?? '2027-01-11';

/** 15-minute slots from 08:00 to 18:00, Monday to Friday: 40 a day, as the bench books them. */
function weekEvents(firstDay: string): EventInput[] {
  const events: EventInput[] = [];
  const midnight = Date.parse(`${firstDay}T00:00:00Z`);
  for (let index = 0; index < EVENT_COUNT; index++) {
    const day = Math.floor(index / 40);
    const start = midnight + day * 86_400_000 + (8 * 60 + (index % 40) * 15) * 60_000;
    events.push({
      id: String(index),
      title: `Patient ${String(index + 1).padStart(3, '0')}`,
      // Wall times of the cabinet, read in UTC: what the agenda gives FullCalendar too.
      start: new Date(start).toISOString().slice(0, 19),
      end: new Date(start + 15 * 60_000).toISOString().slice(0, 19),
    });
  }
  return events;
}

const events = weekEvents(monday);
const plugins = [timeGridPlugin];
const calendarRef = createRef<FullCalendar>();
let setShownEvents: (events: EventInput[]) => void = () => undefined;
/** Called with the events FullCalendar reports in eventsSet. */
let onEventsSet: (shown: unknown[]) => void = () => undefined;
// One function for the calendar's whole life: a new one at each render would make FullCalendar reset its options.
const eventsSet = (reported: unknown[]) => onEventsSet(reported);

function Calendar({ initialDate, initialEvents }: { initialDate: string; initialEvents: EventInput[] }) {
  const [shown, setShown] = useState(initialEvents);
  setShownEvents = setShown;
  return (
    <FullCalendar
      ref={calendarRef}
      plugins={plugins}
      initialView="timeGridWeek"
      initialDate={initialDate}
      headerToolbar={false}
      timeZone="UTC"
      locale={frLocale}
      firstDay={1}
      height="auto"
      allDaySlot={false}
      slotMinTime="08:00:00"
      slotMaxTime="20:00:00"
      slotDuration="00:30:00"
      events={shown}
      eventsSet={eventsSet}
    />
  );
}

/** Resolves with the time from `markName` to a frame painted after eventsSet reported `count` events. */
function renderedAfter(markName: string, count: number): Promise<number> {
  return new Promise((resolve) => {
    let done = false;
    onEventsSet = (reported) => {
      if (done || reported.length !== count) return;
      done = true;
      requestAnimationFrame(() =>
        setTimeout(() => {
          const rendered = performance.mark('baseline:rendered');
          resolve(rendered.startTime - performance.getEntriesByName(markName).at(-1)!.startTime);
        }, 0),
      );
    };
  });
}

function mount(initialDate: string, initialEvents: EventInput[]): Promise<number> {
  const rendered = renderedAfter('baseline:render', initialEvents.length);
  performance.mark('baseline:render');
  createRoot(document.getElementById('root')!).render(<Calendar initialDate={initialDate} initialEvents={initialEvents} />);
  return rendered;
}

/** First render: the week and its 200 events, from createRoot().render. */
window.renderCalendar = () => mount(monday, events);

/** The week before, empty: where the agenda stands before "Semaine suivante". */
window.renderEmptyWeekBefore = () => mount(new Date(Date.parse(`${monday}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10), []);

/**
 * What the agenda does on "Semaine suivante": the calendar moves to the next week (not timed: the
 * agenda's request runs meanwhile), then its 200 events arrive ('baseline:data') and are set.
 */
window.showNextWeek = async () => {
  calendarRef.current!.getApi().next();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const rendered = renderedAfter('baseline:data', EVENT_COUNT);
  performance.mark('baseline:data');
  setShownEvents(events);
  return rendered;
};
