import { stateAfter } from '@osteo/event-sourcing/decider';
import { specFor } from '@osteo/event-sourcing/decider-spec';
import { UNBACKED_CLAIM_LEASE_MS, agendaDecider, type AgendaCommand, type AgendaEvent, type HolderAppointment } from './agenda';

const NOW = new Date('2026-03-02T08:30:00.000Z');
const metadata = { now: NOW };
const secondsBeforeNow = (seconds: number): string => new Date(NOW.getTime() - seconds * 1000).toISOString();
const JUST_NOW = secondsBeforeNow(2);
const LEASE_AGO = secondsBeforeNow(UNBACKED_CLAIM_LEASE_MS / 1000);

// Slots on the 3rd of March
const nineOClock = { start: '2026-03-03T09:00:00.000Z', end: '2026-03-03T09:45:00.000Z' };
const overlappingNine = { start: '2026-03-03T09:30:00.000Z', end: '2026-03-03T10:15:00.000Z' };
const rightAfterNine = { start: '2026-03-03T09:45:00.000Z', end: '2026-03-03T10:30:00.000Z' };
const twoOClock = { start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:45:00.000Z' };

// Events
const claimed = (appointmentId: string, slot: typeof nineOClock, claimedAt = NOW.toISOString()): AgendaEvent => ({
  type: 'AgendaSlotClaimed',
  data: { appointmentId, ...slot, claimedAt },
});
const released = (appointmentId: string, slot: typeof nineOClock): AgendaEvent => ({ type: 'AgendaSlotReleased', data: { appointmentId, ...slot } });

// Commands
const claim = (appointmentId: string, slot: typeof nineOClock, holders: Record<string, HolderAppointment> = {}): AgendaCommand => ({
  type: 'ClaimAgendaSlot',
  data: { appointmentId, ...slot, holders },
  metadata,
});
const release = (appointmentId: string, slot: typeof nineOClock): AgendaCommand => ({ type: 'ReleaseAgendaSlot', data: { appointmentId, ...slot }, metadata });

// What the holders' own streams say
const bookedAt = (slot: typeof nineOClock): HolderAppointment => ({ status: 'booked', ...slot });
const cancelled: HolderAppointment = { status: 'cancelled' };
const unwritten: HolderAppointment = { status: 'unwritten' };

describe('agenda decider (one practitioner, one UTC day)', () => {
  const spec = specFor(agendaDecider);

  describe('claiming a slot', () => {
    it('given a free day, when an appointment claims a slot, then it holds it', () => {
      spec.given([]).when(claim('apt-2', nineOClock)).then([claimed('apt-2', nineOClock)]);
    });

    it('given a slot held by a booked appointment, when another appointment claims an overlapping slot, then APPOINTMENT.DOUBLE_BOOKING', () => {
      spec
        .given([claimed('apt-1', nineOClock, LEASE_AGO)])
        .when(claim('apt-2', overlappingNine, { 'apt-1': bookedAt(nineOClock) }))
        .thenThrows('APPOINTMENT.DOUBLE_BOOKING');
    });

    it('given a slot held by a booked appointment, when another appointment claims the slot right after it, then it holds it too', () => {
      spec
        .given([claimed('apt-1', nineOClock, LEASE_AGO)])
        .when(claim('apt-2', rightAfterNine))
        .then([claimed('apt-2', rightAfterNine)]);
    });

    it('given a slot held by a booked appointment, when another appointment claims another time of the day, then it holds it too', () => {
      spec.given([claimed('apt-1', nineOClock, LEASE_AGO)]).when(claim('apt-2', twoOClock)).then([claimed('apt-2', twoOClock)]);
    });

    it('given a slot whose appointment was cancelled (its release never written), when another appointment claims it, then the old slot is released and the new one held', () => {
      spec
        .given([claimed('apt-1', nineOClock, JUST_NOW)])
        .when(claim('apt-2', nineOClock, { 'apt-1': cancelled }))
        .then([released('apt-1', nineOClock), claimed('apt-2', nineOClock)]);
    });

    it('given a slot claimed a moment ago by a booking not written yet, when another appointment claims an overlapping slot, then APPOINTMENT.DOUBLE_BOOKING', () => {
      spec
        .given([claimed('apt-1', nineOClock, JUST_NOW)])
        .when(claim('apt-2', overlappingNine, { 'apt-1': unwritten }))
        .thenThrows('APPOINTMENT.DOUBLE_BOOKING');
    });

    it('given a slot claimed a lease ago by a booking never written (a crash), when another appointment claims it, then the old slot is released and the new one held', () => {
      spec
        .given([claimed('apt-1', nineOClock, LEASE_AGO)])
        .when(claim('apt-2', overlappingNine, { 'apt-1': unwritten }))
        .then([released('apt-1', nineOClock), claimed('apt-2', overlappingNine)]);
    });

    it('given a slot claimed a moment ago by an appointment still booked elsewhere (a move in progress), when another appointment claims it, then APPOINTMENT.DOUBLE_BOOKING', () => {
      spec
        .given([claimed('apt-1', twoOClock, LEASE_AGO), claimed('apt-1', nineOClock, JUST_NOW)])
        .when(claim('apt-2', nineOClock, { 'apt-1': bookedAt(twoOClock) }))
        .thenThrows('APPOINTMENT.DOUBLE_BOOKING');
    });

    it('given a slot left behind a lease ago by an appointment that moved away, when another appointment claims it, then the old slot is released and the new one held', () => {
      spec
        .given([claimed('apt-1', nineOClock, LEASE_AGO), claimed('apt-1', twoOClock, LEASE_AGO)])
        .when(claim('apt-2', nineOClock, { 'apt-1': bookedAt(twoOClock) }))
        .then([released('apt-1', nineOClock), claimed('apt-2', nineOClock)]);
    });

    it('given an overlapping slot whose holder the handler did not report, when claiming, then it counts as a booking in progress: APPOINTMENT.DOUBLE_BOOKING', () => {
      spec.given([claimed('apt-1', nineOClock, JUST_NOW)]).when(claim('apt-2', overlappingNine)).thenThrows('APPOINTMENT.DOUBLE_BOOKING');
    });

    it('given an appointment holding a slot, when it claims an overlapping one (a move by a quarter of an hour), then it holds both until the old one is released', () => {
      spec.given([claimed('apt-1', nineOClock, LEASE_AGO)]).when(claim('apt-1', overlappingNine)).then([claimed('apt-1', overlappingNine)]);
      expect(stateAfter(agendaDecider, [claimed('apt-1', nineOClock, LEASE_AGO), claimed('apt-1', overlappingNine)]).slots).toHaveLength(2);
    });

    it('given a slot an appointment holds, when it claims the same slot again, then its claim is renewed', () => {
      const renewed = stateAfter(agendaDecider, [claimed('apt-1', nineOClock, LEASE_AGO), claimed('apt-1', nineOClock)]);
      expect(renewed.slots).toEqual([{ appointmentId: 'apt-1', ...nineOClock, claimedAt: NOW.toISOString() }]);
    });
  });

  describe('releasing a slot', () => {
    it('given a held slot, when its appointment releases it, then it is released and the day is free', () => {
      spec.given([claimed('apt-1', nineOClock)]).when(release('apt-1', nineOClock)).then([released('apt-1', nineOClock)]);
      expect(stateAfter(agendaDecider, [claimed('apt-1', nineOClock), released('apt-1', nineOClock)]).slots).toEqual([]);
    });

    it('given a released slot, when releasing it again, then nothing happens', () => {
      spec.given([claimed('apt-1', nineOClock), released('apt-1', nineOClock)]).when(release('apt-1', nineOClock)).then([]);
    });

    it('given a slot held by another appointment, when releasing the same time for this one, then nothing happens', () => {
      spec.given([claimed('apt-1', nineOClock)]).when(release('apt-2', nineOClock)).then([]);
    });
  });
});
