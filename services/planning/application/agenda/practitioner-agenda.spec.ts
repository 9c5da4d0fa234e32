import { SqliteEventStore, WrongExpectedRevisionError, handleCommand, type EventStore } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import { UNBACKED_CLAIM_LEASE_MS, agendaStreamId } from '../../domain/agenda';
import { appointmentDecider, appointmentStreamId, type AppointmentCommand } from '../../domain/appointment';
import type { Caller } from '@osteo/auth';
import { PractitionerAgenda, type PractitionerSlot } from './practitioner-agenda';

/** A clock the test moves by hand. */
class SettableClock extends Clock {
  constructor(private instant: number) {
    super();
  }
  now(): Date {
    return new Date(this.instant);
  }
  advance(milliseconds: number): void {
    this.instant += milliseconds;
  }
}

const PRACTITIONER = 'acc-claire';
const caller: Caller = { principal: { accountId: 'acc-sophie', kind: 'specific', mustChangePassword: false }, correlationId: 'corr-1' };

const slot = (appointmentId: string, start: string, end: string): PractitionerSlot => ({ practitionerId: PRACTITIONER, appointmentId, start, end });
const nine = (appointmentId: string) => slot(appointmentId, '2026-03-03T09:00:00.000Z', '2026-03-03T09:45:00.000Z');
const halfPastNine = (appointmentId: string) => slot(appointmentId, '2026-03-03T09:30:00.000Z', '2026-03-03T10:15:00.000Z');
const two = (appointmentId: string) => slot(appointmentId, '2026-03-03T14:00:00.000Z', '2026-03-03T14:45:00.000Z');
const overMidnight = (appointmentId: string) => slot(appointmentId, '2026-03-03T23:30:00.000Z', '2026-03-04T00:30:00.000Z');
const earlyOnTheFourth = (appointmentId: string) => slot(appointmentId, '2026-03-04T00:00:00.000Z', '2026-03-04T00:15:00.000Z');

describe('practitioner agenda (claims over the day streams, then the appointment)', () => {
  let store: EventStore;
  let clock: SettableClock;
  let agenda: PractitionerAgenda;

  beforeEach(() => {
    store = SqliteEventStore.open(':memory:');
    clock = new SettableClock(Date.parse('2026-03-02T08:30:00.000Z'));
    agenda = new PractitionerAgenda(store, clock);
  });
  afterEach(() => store.close());

  const bookCommand = ({ appointmentId, start, end }: PractitionerSlot): AppointmentCommand => ({
    type: 'BookAppointment',
    data: { appointmentId, cabinetId: 'cab-lyon', ownerId: PRACTITIONER, practitionerId: PRACTITIONER, patientName: 'Jeanne Dupont', patientId: null, start, end, reason: null },
    metadata: { now: clock.now() },
  });
  const writeBooking = (booked: PractitionerSlot) => () => handleCommand(store, appointmentStreamId(booked.appointmentId), appointmentDecider, bookCommand(booked));
  const book = (booked: PractitionerSlot) => agenda.claimThenWrite(booked, caller, writeBooking(booked));
  const codeOf = (attempt: Promise<unknown>) => attempt.then(() => 'booked', (error: Rejection) => error.code);
  /** The slots a day holds, as `appointmentId start`. */
  const heldOn = async (day: string) => {
    const events = await store.readStream(agendaStreamId(PRACTITIONER, day));
    const held = new Set<string>();
    for (const { type, data } of events) {
      const slotKey = `${String(data.appointmentId)} ${String(data.start)}`;
      if (type === 'AgendaSlotClaimed') held.add(slotKey);
      else held.delete(slotKey);
    }
    return [...held];
  };

  it('given racing bookings of overlapping slots, when they all append at once, then exactly one is booked and the others are DOUBLE_BOOKING', async () => {
    const outcomes = await Promise.all(['apt-1', 'apt-2', 'apt-3', 'apt-4'].map((id, index) => codeOf(book(index % 2 ? halfPastNine(id) : nine(id)))));
    expect(outcomes.filter((outcome) => outcome === 'booked')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'APPOINTMENT.DOUBLE_BOOKING')).toHaveLength(3);
    expect(await heldOn('2026-03-03')).toHaveLength(1);
  });

  it('given racing bookings at different times of one day, when they append at once, then both are booked (the loser of the append decides again)', async () => {
    expect(await Promise.all([codeOf(book(nine('apt-1'))), codeOf(book(two('apt-2')))])).toEqual(['booked', 'booked']);
  });

  it('given a booking over midnight, when another overlaps it on the next day only, then DOUBLE_BOOKING', async () => {
    await book(overMidnight('apt-1'));
    expect(await heldOn('2026-03-03')).toEqual(['apt-1 2026-03-03T23:30:00.000Z']);
    expect(await heldOn('2026-03-04')).toEqual(['apt-1 2026-03-03T23:30:00.000Z']);
    expect(await codeOf(book(earlyOnTheFourth('apt-2')))).toBe('APPOINTMENT.DOUBLE_BOOKING');
  });

  it('given a booking over midnight refused on its second day, then the claim on its first day is given back', async () => {
    await book(earlyOnTheFourth('apt-1'));
    expect(await codeOf(book(overMidnight('apt-2')))).toBe('APPOINTMENT.DOUBLE_BOOKING');
    expect(await heldOn('2026-03-03')).toEqual([]);
    expect(await codeOf(book(slot('apt-3', '2026-03-03T23:00:00.000Z', '2026-03-04T00:00:00.000Z')))).toBe('booked');
  });

  it('given a booking that crashed between its claim and its appointment, then the slot is refused during the lease and free after it', async () => {
    await expect(agenda.claimThenWrite(nine('apt-crashed'), caller, () => Promise.reject(new Error('process killed')))).rejects.toThrow('process killed');
    expect(await codeOf(book(nine('apt-2')))).toBe('APPOINTMENT.DOUBLE_BOOKING');

    clock.advance(UNBACKED_CLAIM_LEASE_MS);
    expect(await codeOf(book(nine('apt-3')))).toBe('booked');
    expect(await heldOn('2026-03-03')).toEqual(['apt-3 2026-03-03T09:00:00.000Z']);
  });

  it('given an appointment write refused by its expected revision, then its claims are given back at once', async () => {
    const refused = () => Promise.reject(new WrongExpectedRevisionError(appointmentStreamId('apt-1'), 0, 1));
    await expect(agenda.claimThenWrite(nine('apt-1'), caller, refused)).rejects.toThrow(WrongExpectedRevisionError);
    expect(await heldOn('2026-03-03')).toEqual([]);
  });

  it('given claims that took half their lease, then the appointment is not written and the claims are given back', async () => {
    const write = jest.fn(writeBooking(nine('apt-1')));
    const slowStore = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'appendToStream') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          clock.advance(UNBACKED_CLAIM_LEASE_MS / 2);
          return target.appendToStream(...args);
        };
      },
    });
    await expect(new PractitionerAgenda(slowStore, clock).claimThenWrite(nine('apt-1'), caller, write)).rejects.toMatchObject({ code: 'APPOINTMENT.CLAIM_EXPIRED' });
    expect(write).not.toHaveBeenCalled();
    expect(await heldOn('2026-03-03')).toEqual([]);
  });

  it('given a cancelled appointment whose release never happened, when another booking wants its slot, then it gets it at once', async () => {
    await book(nine('apt-1'));
    await handleCommand(store, appointmentStreamId('apt-1'), appointmentDecider, { type: 'CancelAppointment', data: {}, metadata: { now: clock.now() } });
    expect(await codeOf(book(halfPastNine('apt-2')))).toBe('booked');
    expect(await heldOn('2026-03-03')).toEqual(['apt-2 2026-03-03T09:30:00.000Z']);
  });

  it('given a released slot, then another booking gets it, and releasing it again changes nothing', async () => {
    await book(nine('apt-1'));
    await agenda.release(nine('apt-1'), caller);
    await agenda.release(nine('apt-1'), caller);
    expect(await codeOf(book(nine('apt-2')))).toBe('booked');
  });
});
