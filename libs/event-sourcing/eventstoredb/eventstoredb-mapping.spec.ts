/**
 * The adapter's own translations, without a server. The adapter itself is verified only by the
 * contract suite (eventstoredb-event-store.int-spec.ts) against a real EventStoreDB.
 */
import {
  ANY,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
} from '@eventstore/db-client';
import fc from 'fast-check';
import { WrongExpectedRevisionError } from '../event-store';
import {
  decodePosition,
  StreamNamespace,
  encodePosition,
  isAfter,
  isSystemEvent,
  toEsdbExpectedRevision,
  toRecordedEvent,
  toRevisionNumber,
  toWrongExpectedRevisionError,
} from './eventstoredb-mapping';

const MAX_UINT64 = 2n ** 64n - 1n;

describe('EventStoreDB mapping', () => {
  describe('stream namespaces', () => {
    it('stores a service\'s stream under its prefix and reads back only its own streams', () => {
      const planning = new StreamNamespace('planning');

      expect(planning.stored('agenda-p1-2026-03-02')).toBe('planning.agenda-p1-2026-03-02');
      expect(planning.own('planning.agenda-p1-2026-03-02')).toBe('agenda-p1-2026-03-02');
      expect(planning.own('patient-records.patient-1')).toBeNull();
      expect(planning.own('planning-extra.agenda-1')).toBeNull();
      expect(planning.own('$$planning.agenda-1')).toBeNull();
      expect(planning.streamOf({ type: 'AppointmentBooked', streamId: 'planning.agenda-1' })).toBe('agenda-1');
      expect(planning.streamOf({ type: '$metadata', streamId: 'planning.agenda-1' })).toBeNull();
      expect(planning.streamOf({ type: 'PatientRegistered', streamId: 'patient-records.patient-1' })).toBeNull();
    });

    it('refuses a service name that could overlap another prefix', () => {
      expect(() => new StreamNamespace('planning.v2')).toThrow(RangeError);
      expect(() => new StreamNamespace('')).toThrow(RangeError);
      expect(() => new StreamNamespace('Planning')).toThrow(RangeError);
    });
  });

  describe('expected revisions', () => {
    it('maps no_stream, any and an exact revision to the client constants and a bigint', () => {
      expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(toEsdbExpectedRevision('any')).toBe(ANY);
      expect(toEsdbExpectedRevision(41)).toBe(41n);
    });

    it('turns a bigint revision into a number, refusing one a number cannot hold exactly', () => {
      expect(toRevisionNumber(0n)).toBe(0);
      expect(toRevisionNumber(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => toRevisionNumber(2n ** 53n)).toThrow(RangeError);
    });
  });

  describe('positions', () => {
    const positions = fc.record({ commit: fc.bigInt(0n, MAX_UINT64), prepare: fc.bigInt(0n, MAX_UINT64) });

    it('decodes what it encoded, commit and prepare included', () => {
      fc.assert(fc.property(positions, (position) => expect(decodePosition(encodePosition(position))).toEqual(position)));
      expect(encodePosition({ commit: 1234n, prepare: 1200n })).toBe('00000000000000001234/00000000000000001200');
    });

    it('orders encoded positions as strings the way EventStoreDB orders positions', () => {
      fc.assert(
        fc.property(positions, positions, (a, b) => {
          expect(encodePosition(a) > encodePosition(b)).toBe(isAfter(a, b));
        }),
      );
    });

    it.each(['42', '1234/1200', '00000000000000001234', ' 00000000000000001234/00000000000000001200', ''])(
      'refuses %j, which it did not encode',
      (foreign) => {
        expect(() => decodePosition(foreign)).toThrow(RangeError);
      },
    );
  });

  describe('the conflict error', () => {
    it("maps the client's WrongExpectedVersionError to ours, with the stream's actual revision", () => {
      const clientError = new WrongExpectedVersionError(undefined, {
        streamName: 'account-1',
        expected: 2n,
        current: 5n,
      });

      const mapped = toWrongExpectedRevisionError(clientError, 'account-1', 2);

      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({ streamId: 'account-1', expected: 2, actual: 5 });
    });

    it('reports a missing stream as actual no_stream', () => {
      const clientError = new WrongExpectedVersionError(undefined, {
        streamName: 'account-1',
        expected: 0n,
        current: NO_STREAM,
      });

      expect(toWrongExpectedRevisionError(clientError, 'account-1', 0)).toMatchObject({ actual: 'no_stream' });
    });

    it('leaves every other error alone', () => {
      expect(toWrongExpectedRevisionError(new StreamNotFoundError(undefined, 'account-1'), 'account-1', 0)).toBeUndefined();
      expect(toWrongExpectedRevisionError(new Error('connection refused'), 'account-1', 0)).toBeUndefined();
    });
  });

  describe('recorded events', () => {
    const recorded = (overrides: Partial<AllStreamRecordedEvent> = {}): AllStreamRecordedEvent =>
      ({
        streamId: 'account-1',
        id: 'c5a0e3f4-8f7b-4d39-9d0e-0c1f0bb2a5a1',
        isJson: true,
        revision: 3n,
        type: 'AccountOpened',
        created: new Date('2025-03-04T09:30:00.123Z'),
        data: { email: 'a@example.org' },
        metadata: { correlationId: 'corr-1', actorId: 'user-1' },
        position: { commit: 1234n, prepare: 1200n },
        ...overrides,
      }) as AllStreamRecordedEvent;

    it('maps a JSON event to the port, with number revision, encoded position and ISO date', () => {
      expect(toRecordedEvent(recorded())).toEqual({
        eventId: 'c5a0e3f4-8f7b-4d39-9d0e-0c1f0bb2a5a1',
        type: 'AccountOpened',
        streamId: 'account-1',
        revision: 3,
        position: '00000000000000001234/00000000000000001200',
        data: { email: 'a@example.org' },
        metadata: { correlationId: 'corr-1', actorId: 'user-1' },
        recordedAt: '2025-03-04T09:30:00.123Z',
      });
    });

    it('gives an event written without metadata an empty metadata object', () => {
      expect(toRecordedEvent(recorded({ metadata: undefined })).metadata).toEqual({});
    });

    it('refuses events this adapter cannot have written', () => {
      expect(() => toRecordedEvent(recorded({ isJson: false, data: new Uint8Array([1]) } as Partial<AllStreamRecordedEvent>))).toThrow(
        TypeError,
      );
      expect(() => toRecordedEvent(recorded({ data: ['not', 'an', 'object'] }))).toThrow(TypeError);
      expect(() => toRecordedEvent(recorded({ position: undefined }))).toThrow(/22\.6/);
    });

    it('recognises EventStoreDB system events by type or by stream', () => {
      expect(isSystemEvent({ type: '$metadata', streamId: '$$account-1' })).toBe(true);
      expect(isSystemEvent({ type: '$>', streamId: '$ce-account' })).toBe(true);
      expect(isSystemEvent({ type: 'Statistics', streamId: '$stats-127.0.0.1:2113' })).toBe(true);
      expect(isSystemEvent({ type: 'AccountOpened', streamId: 'account-1' })).toBe(false);
    });
  });
});
