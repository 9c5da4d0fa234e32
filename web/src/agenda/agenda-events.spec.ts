import { agendaEvents, reminderStateOf, remindersByAppointment, visibleHours } from './agenda-events';
import type { Appointment, Reminder } from './queries';

const appointment = (overrides: Partial<Appointment>): Appointment => ({
  appointmentId: 'a1',
  cabinetId: 'c1',
  practitionerId: 'p1',
  patientName: 'Hélène Durand',
  start: '2026-12-07T08:00:00.000Z',
  end: '2026-12-07T08:45:00.000Z',
  status: 'booked',
  ...overrides,
});

const options = {
  timeZone: 'Europe/Paris',
  colours: new Map([['p1', '#0b7285']]),
  names: new Map([['p1', 'Dr Claire Martin']]),
  formerPractitioner: 'Ancien praticien',
  showCancelled: false,
  canWrite: true,
};

describe('the agenda\'s events', () => {
  it('places an appointment at the cabinet\'s wall-clock time, in its practitioner\'s colour, with their name', () => {
    const [event] = agendaEvents([appointment({})], options);
    expect((event.start as Date).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect((event.end as Date).toISOString()).toBe('2026-12-07T09:45:00.000Z');
    expect(event).toMatchObject({ id: 'a1', title: 'Hélène Durand', backgroundColor: '#0b7285', textColor: '#ffffff', editable: true });
    expect(event.extendedProps).toEqual({ practitionerName: 'Dr Claire Martin', cancelled: false, reminder: null });
  });

  it('hides cancelled appointments, or shows them greyed and fixed when asked', () => {
    const cancelled = appointment({ status: 'cancelled' });
    expect(agendaEvents([cancelled], options)).toEqual([]);
    const [event] = agendaEvents([cancelled], { ...options, showCancelled: true });
    expect(event).toMatchObject({ editable: false, classNames: ['agenda-event-cancelled'], textColor: '#343a40' });
  });

  it('names someone who left the cabinet, and lets nobody without the right move anything', () => {
    const [event] = agendaEvents([appointment({ practitionerId: 'gone' })], { ...options, canWrite: false });
    expect(event.extendedProps).toMatchObject({ practitionerName: 'Ancien praticien' });
    expect(event.editable).toBe(false);
  });

  it('shows 07:00–21:00, widened to reach every appointment', () => {
    expect(visibleHours(agendaEvents([appointment({})], options))).toEqual({ slotMinTime: '07:00:00', slotMaxTime: '21:00:00' });
    const early = appointment({ start: '2026-12-07T05:30:00Z', end: '2026-12-07T06:15:00Z' });
    const late = appointment({ appointmentId: 'a2', start: '2026-12-07T21:00:00Z', end: '2026-12-07T21:30:00Z' });
    expect(visibleHours(agendaEvents([early, late], options))).toEqual({ slotMinTime: '06:00:00', slotMaxTime: '23:00:00' });
    const overnight = appointment({ start: '2026-12-07T22:30:00Z', end: '2026-12-08T00:30:00Z' });
    expect(visibleHours(agendaEvents([overnight], options)).slotMaxTime).toBe('24:00:00');
  });

  it('maps a busy week of 200 appointments quickly', () => {
    const many = Array.from({ length: 200 }, (_, index) =>
      appointment({ appointmentId: `a${index}`, start: new Date(Date.parse('2026-12-07T07:00:00Z') + index * 45 * 60_000).toISOString(), end: new Date(Date.parse('2026-12-07T07:45:00Z') + index * 45 * 60_000).toISOString() }),
    );
    const started = performance.now();
    expect(agendaEvents(many, options)).toHaveLength(200);
    // A fraction of the 100 ms the week may take to render; generous for a loaded CI machine.
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('the reminder state each appointment shows', () => {
  const reminder = (appointmentId: string, channel: Reminder['channel'], state: Reminder['state']): Reminder => ({
    appointmentId,
    channel,
    state,
    dueAt: '2026-12-06T08:00:00.000Z',
    sentAt: state === 'sent' ? '2026-12-06T08:00:04.000Z' : null,
    attempts: state === 'planned' ? 0 : 1,
  });

  it('says failed before planned before sent, whatever the channel, and none without a reminder or with a cancelled one', () => {
    expect(reminderStateOf([reminder('a1', 'email', 'sent'), reminder('a1', 'sms', 'failed')])).toBe('failed');
    expect(reminderStateOf([reminder('a1', 'email', 'sent'), reminder('a1', 'sms', 'planned')])).toBe('planned');
    expect(reminderStateOf([reminder('a1', 'sms', 'sent')])).toBe('sent');
    expect(reminderStateOf([reminder('a1', 'sms', 'cancelled')])).toBe('none');
    expect(reminderStateOf(undefined)).toBe('none');
  });

  it('puts each appointment\'s state on its event once the reminders are known, none on a cancelled one', () => {
    const reminders = remindersByAppointment([reminder('a1', 'email', 'planned'), reminder('a1', 'sms', 'sent'), reminder('a3', 'sms', 'sent')]);
    const events = agendaEvents(
      [appointment({}), appointment({ appointmentId: 'a2' }), appointment({ appointmentId: 'a3', status: 'cancelled' })],
      { ...options, showCancelled: true, reminders },
    );
    expect(events.map((event) => [event.id, event.extendedProps?.reminder])).toEqual([
      ['a1', 'planned'],
      ['a2', 'none'],
      ['a3', null],
    ]);
    expect(agendaEvents([appointment({})], options)[0]!.extendedProps?.reminder).toBeNull();
  });
});
