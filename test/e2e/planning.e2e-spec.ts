import { Topics } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { SignedIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { ContractConformance } from '../support/contract-conformance';
import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpAnswer, HttpClient } from '../support/http-client';

/**
 * Appointments through the gateway, in the embedded profile: who may book where (PRODUCT.md), no
 * double booking of a practitioner even when two bookings race, moves and cancellations that free
 * their slot, bad input refused with nothing written, and planning.events true to its contract.
 *
 * Cabinet A: the owner, a secretary, a substitute, an accountant. Cabinet B: the owner, a
 * colleague, the same accountant. Appointments are in 2031, away from the current week, which one
 * test lists by default.
 */
describe('planning, embedded profile', () => {
  const dataDir = temporaryDataDir();
  const conformance = new ContractConformance();
  let platform: RunningPlatform;
  let owner: SignedIn;
  let secretary: SignedIn;
  let colleague: SignedIn;
  let substitute: SignedIn;
  let accountant: SignedIn;
  let cabinetA: string;
  let cabinetB: string;

  const planningEventCount = () => storedEventCount(dataDir.path, 'planning');
  const appointmentsOf = (cabinetId: string) => `/api/v1/cabinets/${cabinetId}/appointments`;

  interface Booking {
    readonly practitionerId: string;
    readonly start: string;
    readonly end: string;
    readonly patientName?: string;
    readonly patientId?: string | null;
    readonly reason?: string;
  }
  const book = (who: SignedIn, cabinetId: string, booking: Booking): Promise<HttpAnswer> =>
    who.http.post(appointmentsOf(cabinetId), { patientName: 'Jeanne Dupont', ...booking });
  const booked = async (who: SignedIn, cabinetId: string, booking: Booking): Promise<string> => {
    const answer = await book(who, cabinetId, booking);
    expect(answer).toMatchObject({ status: 201, body: { appointmentId: expect.any(String) } });
    return answer.body.appointmentId;
  };
  const listed = async (who: SignedIn, cabinetId: string, from: string, to: string) => {
    const answer = await who.http.get(`${appointmentsOf(cabinetId)}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(answer.status).toBe(200);
    return answer.body as { appointmentId: string; start: string; end: string; status: string }[];
  };
  /** Planning learns of access through its own projection of access.events: poll until it has. */
  const whenPlanningAnswers = (who: SignedIn, cabinetId: string, status: number) =>
    eventually(async () => expect((await who.http.get(appointmentsOf(cabinetId))).status).toBe(status));

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    await conformance.watch(platform.app.get(EventBus), [Topics.planning]);
    const anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
    cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
    cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;

    const grant = async (email: string, role: string, cabinetIds: string[], retrocessionPercent?: number) =>
      expect((await owner.http.post('/api/v1/delegations', { email, role, cabinetIds, retrocessionPercent })).status).toBe(201);
    await grant('secretariat@example.fr', 'secretary', [cabinetA]);
    await grant('locum@example.fr', 'substitute', [cabinetA], 30);
    await grant('bookkeeper@example.fr', 'accountant', [cabinetA, cabinetB]);
    [secretary, substitute, accountant] = await Promise.all(
      ['secretariat@example.fr', 'locum@example.fr', 'bookkeeper@example.fr'].map((email) => signInProvisionedAccount(anonymous, dataDir.path, email)),
    );

    colleague = await registerMainAccount(anonymous, 'colleague@example.fr', 'Dr Hugo Bernard');
    const invitationId = await eventually(async () => {
      const invited = await owner.http.post(`/api/v1/cabinets/${cabinetB}/colleagues`, { email: 'colleague@example.fr' });
      expect(invited.status).toBe(201);
      return invited.body.invitationId as string;
    });
    await eventually(async () => expect((await colleague.http.post(`/api/v1/invitations/${invitationId}/accept`)).status).toBe(204));

    await Promise.all([
      whenPlanningAnswers(owner, cabinetA, 200),
      whenPlanningAnswers(secretary, cabinetA, 200),
      whenPlanningAnswers(colleague, cabinetB, 200),
      whenPlanningAnswers(substitute, cabinetA, 403),
      whenPlanningAnswers(accountant, cabinetA, 403),
    ]);
  });

  afterAll(async () => {
    await conformance.stop();
    await platform.stop();
    dataDir.remove();
  });

  describe('who may book where', () => {
    it('lets the secretary book in cabinet A for the owner, and lists it to owner and secretary in exactly the documented shape', async () => {
      const appointmentId = await booked(secretary, cabinetA, {
        practitionerId: owner.accountId,
        patientName: 'Jeanne Dupont',
        start: '2031-03-03T09:00:00+01:00',
        end: '2031-03-03T09:45:00+01:00',
        reason: 'Lombalgie',
      });
      const expected = {
        appointmentId,
        cabinetId: cabinetA,
        practitionerId: owner.accountId,
        patientName: 'Jeanne Dupont',
        start: '2031-03-03T08:00:00.000Z',
        end: '2031-03-03T08:45:00.000Z',
        status: 'booked',
      };
      for (const reader of [owner, secretary]) {
        await eventually(async () => expect(await listed(reader, cabinetA, '2031-03-03T00:00:00+01:00', '2031-03-04T00:00:00+01:00')).toEqual([expected]));
      }
      expect((await secretary.http.get(`/api/v1/appointments/${appointmentId}`)).body).toEqual({ ...expected, patientId: null });
    });

    it('refuses the secretary cabinet B as if it did not exist (404), reading or booking', async () => {
      const before = await planningEventCount();
      const booking = await book(secretary, cabinetB, { practitionerId: owner.accountId, start: '2031-03-03T11:00:00Z', end: '2031-03-03T11:30:00Z' });
      expect(booking.status).toBe(404);
      expect(booking.body.code).toBe('RESOURCE.NOT_FOUND');
      expect((await secretary.http.get(appointmentsOf(cabinetB))).status).toBe(404);
      expect(await planningEventCount()).toBe(before);
    });

    it('lets the colleague book in cabinet B, not in cabinet A which they do not share (404)', async () => {
      const appointmentId = await booked(colleague, cabinetB, { practitionerId: colleague.accountId, start: '2031-03-03T09:00:00Z', end: '2031-03-03T09:30:00Z' });
      await eventually(async () => expect((await listed(colleague, cabinetB, '2031-03-03T00:00:00Z', '2031-03-04T00:00:00Z')).map((item) => item.appointmentId)).toEqual([appointmentId]));
      expect((await book(colleague, cabinetA, { practitionerId: colleague.accountId, start: '2031-03-03T10:00:00Z', end: '2031-03-03T10:30:00Z' })).status).toBe(404);
      expect((await colleague.http.get(appointmentsOf(cabinetA))).status).toBe(404);
    });

    it('refuses the substitute and the accountant any planning of cabinet A (403), booking, reading, moving or cancelling', async () => {
      const appointmentId = await booked(owner, cabinetA, { practitionerId: substitute.accountId, start: '2031-03-04T09:00:00Z', end: '2031-03-04T09:45:00Z' });
      const before = await planningEventCount();
      for (const refused of [substitute, accountant]) {
        const answers = await Promise.all([
          book(refused, cabinetA, { practitionerId: owner.accountId, start: '2031-03-04T10:00:00Z', end: '2031-03-04T10:30:00Z' }),
          refused.http.get(appointmentsOf(cabinetA)),
          refused.http.patch(`/api/v1/appointments/${appointmentId}`, { start: '2031-03-04T11:00:00Z', end: '2031-03-04T11:45:00Z' }),
          refused.http.post(`/api/v1/appointments/${appointmentId}/cancel`),
        ]);
        expect(answers.map(({ status, body }) => [status, body.code])).toEqual(Array(4).fill([403, 'ACCESS.FORBIDDEN']));
      }
      expect((await accountant.http.get(appointmentsOf(cabinetB))).status).toBe(403);
      expect(await planningEventCount()).toBe(before);
    });

    it('books only osteopaths working in the cabinet: the substitute of A yes, the colleague of B or the secretary no (400)', async () => {
      await booked(secretary, cabinetA, { practitionerId: substitute.accountId, start: '2031-03-05T09:00:00Z', end: '2031-03-05T09:45:00Z' });
      for (const practitionerId of [colleague.accountId, secretary.accountId, 'no-such-account']) {
        const refused = await book(owner, cabinetA, { practitionerId, start: '2031-03-05T10:00:00Z', end: '2031-03-05T10:45:00Z' });
        expect(refused.status).toBe(400);
        expect(refused.body.code).toBe('APPOINTMENT.PRACTITIONER_NOT_IN_CABINET');
      }
    });
  });

  describe('an appointment names only a patient of its cabinet (records.events tells planning whose patients are whose)', () => {
    let stranger: SignedIn;
    let strangersCabinet: string;
    let strangersPatient: string;
    const patientOf = async (who: SignedIn, cabinetId: string, lastName: string): Promise<string> => {
      const created = await who.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Jeanne', lastName, birthDate: '1980-05-04' });
      expect(created.status).toBe(201);
      return created.body.patientId;
    };
    const refusedWithoutWriting = async (answer: Promise<HttpAnswer>, code: string, field: RegExp) => {
      const before = await planningEventCount();
      const refused = await answer;
      expect(refused.body).toEqual({ statusCode: 400, code, message: expect.stringMatching(field) });
      expect(await planningEventCount()).toBe(before);
    };

    beforeAll(async () => {
      stranger = await registerMainAccount(new HttpClient(platform.baseUrl), 'stranger@example.fr', 'Dr Paul Girard');
      strangersCabinet = (await stranger.http.post('/api/v1/cabinets', { name: 'Cabinet du voisin' })).body.cabinetId;
      await eventually(async () => expect((await stranger.http.get(`/api/v1/cabinets/${strangersCabinet}/patients`)).status).toBe(200));
      await whenPlanningAnswers(stranger, strangersCabinet, 200);
      strangersPatient = await patientOf(stranger, strangersCabinet, 'Voisin');
      // Planning knows that patient (its owner books it), so a refusal below is no matter of lag.
      await booked(stranger, strangersCabinet, { practitionerId: stranger.accountId, patientId: strangersPatient, start: '2031-04-01T09:00:00Z', end: '2031-04-01T09:30:00Z' });
    });

    it('books the owner’s own patient right after creating it (201), and AppointmentBooked names it', async () => {
      const patientId = await patientOf(owner, cabinetA, 'Dupont');
      const appointmentId = await booked(secretary, cabinetA, { practitionerId: owner.accountId, patientId, start: '2031-04-02T09:00:00Z', end: '2031-04-02T09:30:00Z' });
      expect((await owner.http.get(`/api/v1/appointments/${appointmentId}`)).body).toMatchObject({ appointmentId, patientId });
    });

    it('refuses another owner’s patient: 400 APPOINTMENT.UNKNOWN_PATIENT, nothing written', async () => {
      await refusedWithoutWriting(
        book(owner, cabinetA, { practitionerId: owner.accountId, patientId: strangersPatient, start: '2031-04-03T09:00:00Z', end: '2031-04-03T09:30:00Z' }),
        'APPOINTMENT.UNKNOWN_PATIENT',
        /patientId/,
      );
    });

    it('refuses a patient of the same owner’s other cabinet (B) in cabinet A', async () => {
      const ofB = await patientOf(owner, cabinetB, 'Martin');
      await booked(owner, cabinetB, { practitionerId: owner.accountId, patientId: ofB, start: '2031-04-04T09:00:00Z', end: '2031-04-04T09:30:00Z' });
      await refusedWithoutWriting(
        book(owner, cabinetA, { practitionerId: owner.accountId, patientId: ofB, start: '2031-04-04T10:00:00Z', end: '2031-04-04T10:30:00Z' }),
        'APPOINTMENT.UNKNOWN_PATIENT',
        /patientId/,
      );
    });

    it('refuses an id no cabinet has, once planning has waited for news of it', async () => {
      await refusedWithoutWriting(
        book(owner, cabinetA, { practitionerId: owner.accountId, patientId: 'no-such-patient', start: '2031-04-05T09:00:00Z', end: '2031-04-05T09:30:00Z' }),
        'APPOINTMENT.UNKNOWN_PATIENT',
        /patientId/,
      );
    });

    it('refuses a deleted patient', async () => {
      const patientId = await patientOf(owner, cabinetA, 'Éphémère');
      await booked(owner, cabinetA, { practitionerId: owner.accountId, patientId, start: '2031-04-06T09:00:00Z', end: '2031-04-06T09:30:00Z' });
      expect((await owner.http.delete(`/api/v1/patients/${patientId}`)).status).toBe(204);
      await eventually(async () =>
        expect((await book(owner, cabinetA, { practitionerId: owner.accountId, patientId, start: '2031-04-06T10:00:00Z', end: '2031-04-06T10:30:00Z' })).body.code).toBe(
          'APPOINTMENT.UNKNOWN_PATIENT',
        ),
      );
      await refusedWithoutWriting(
        book(owner, cabinetA, { practitionerId: owner.accountId, patientId, start: '2031-04-06T11:00:00Z', end: '2031-04-06T11:30:00Z' }),
        'APPOINTMENT.UNKNOWN_PATIENT',
        /patientId/,
      );
    });

    it.each<[string, string | null]>([
      ['a null', null],
      ['an empty', ''],
    ])('refuses %s patientId as bad input (the schema says a non-empty string)', async (_label, patientId) => {
      await refusedWithoutWriting(
        book(owner, cabinetA, { practitionerId: owner.accountId, patientId, start: '2031-04-07T09:00:00Z', end: '2031-04-07T09:30:00Z' }),
        'REQUEST.INVALID',
        /patientId/,
      );
    });
  });

  describe('no double booking of a practitioner', () => {
    it('refuses an overlapping booking of the same practitioner (409), in any cabinet, and writes nothing', async () => {
      await booked(owner, cabinetA, { practitionerId: owner.accountId, start: '2031-03-10T09:00:00Z', end: '2031-03-10T10:00:00Z' });
      const before = await planningEventCount();
      const overlapping = await book(secretary, cabinetA, { practitionerId: owner.accountId, start: '2031-03-10T09:30:00Z', end: '2031-03-10T10:30:00Z' });
      expect(overlapping.status).toBe(409);
      expect(overlapping.body).toEqual({ statusCode: 409, code: 'APPOINTMENT.DOUBLE_BOOKING', message: expect.any(String) });
      // The owner works in both cabinets: one agenda for both.
      expect((await book(owner, cabinetB, { practitionerId: owner.accountId, start: '2031-03-10T09:15:00Z', end: '2031-03-10T09:30:00Z' })).status).toBe(409);
      expect(await planningEventCount()).toBe(before);
      // Another practitioner at the same time, and the same practitioner right after, are fine.
      await booked(owner, cabinetA, { practitionerId: substitute.accountId, start: '2031-03-10T09:00:00Z', end: '2031-03-10T10:00:00Z' });
      await booked(owner, cabinetA, { practitionerId: owner.accountId, start: '2031-03-10T10:00:00Z', end: '2031-03-10T10:30:00Z' });
    });

    // Through one embedded process the requests take turns at the agenda; the race of truly parallel
    // bookers (two connections to one store) is services/planning/application/agenda/practitioner-agenda.int-spec.ts.
    it('given bookings of overlapping slots racing each other, then exactly one is booked (201) and the others get 409 APPOINTMENT.DOUBLE_BOOKING', async () => {
      const racers = [owner, secretary, owner, secretary, owner];
      const answers = await Promise.all(
        racers.map((who, index) => book(who, cabinetA, { practitionerId: owner.accountId, start: `2031-03-11T09:${String(index * 5).padStart(2, '0')}:00Z`, end: '2031-03-11T10:00:00Z' })),
      );
      expect(answers.filter(({ status }) => status === 201)).toHaveLength(1);
      expect(answers.filter(({ status, body }) => status === 409 && body.code === 'APPOINTMENT.DOUBLE_BOOKING')).toHaveLength(racers.length - 1);
      await eventually(async () => expect(await listed(owner, cabinetA, '2031-03-11T00:00:00Z', '2031-03-12T00:00:00Z')).toHaveLength(1));
    });

    it('given bookings of one practitioner at different times of a day racing each other, then all are booked', async () => {
      const answers = await Promise.all(
        ['09', '10', '11', '14'].map((hour) => book(secretary, cabinetA, { practitionerId: owner.accountId, start: `2031-03-12T${hour}:00:00Z`, end: `2031-03-12T${hour}:45:00Z` })),
      );
      expect(answers.map(({ status }) => status)).toEqual([201, 201, 201, 201]);
    });

    it('sees an overlap across midnight (UTC), on the second day of an appointment', async () => {
      await booked(owner, cabinetA, { practitionerId: owner.accountId, start: '2031-03-13T23:30:00Z', end: '2031-03-14T00:30:00Z' });
      const overlapping = await book(owner, cabinetA, { practitionerId: owner.accountId, start: '2031-03-14T00:15:00+00:00', end: '2031-03-14T01:00:00+00:00' });
      expect(overlapping.body.code).toBe('APPOINTMENT.DOUBLE_BOOKING');
    });
  });

  describe('moving and cancelling', () => {
    it('moves an appointment, frees its old slot, and refuses a move onto a busy slot (409) without writing', async () => {
      const moving = await booked(secretary, cabinetA, { practitionerId: owner.accountId, start: '2031-03-17T09:00:00Z', end: '2031-03-17T09:45:00Z' });
      const busy = await booked(secretary, cabinetA, { practitionerId: owner.accountId, start: '2031-03-17T14:00:00Z', end: '2031-03-17T14:45:00Z' });

      expect((await secretary.http.patch(`/api/v1/appointments/${moving}`, { start: '2031-03-17T11:00:00+01:00', end: '2031-03-17T11:45:00+01:00' })).status).toBe(204);
      await eventually(async () =>
        expect(await listed(owner, cabinetA, '2031-03-17T00:00:00Z', '2031-03-18T00:00:00Z')).toEqual([
          expect.objectContaining({ appointmentId: moving, start: '2031-03-17T10:00:00.000Z', end: '2031-03-17T10:45:00.000Z', status: 'booked' }),
          expect.objectContaining({ appointmentId: busy, start: '2031-03-17T14:00:00.000Z' }),
        ]),
      );
      await booked(owner, cabinetA, { practitionerId: owner.accountId, start: '2031-03-17T09:00:00Z', end: '2031-03-17T09:45:00Z' });

      const before = await planningEventCount();
      const ontoBusy = await owner.http.patch(`/api/v1/appointments/${moving}`, { start: '2031-03-17T14:30:00Z', end: '2031-03-17T15:15:00Z' });
      expect(ontoBusy.status).toBe(409);
      expect(ontoBusy.body.code).toBe('APPOINTMENT.DOUBLE_BOOKING');
      expect(await planningEventCount()).toBe(before);
      // Overlapping its own old slot is no conflict.
      expect((await owner.http.patch(`/api/v1/appointments/${moving}`, { start: '2031-03-17T10:15:00Z', end: '2031-03-17T11:00:00Z', reason: 'Contrôle' })).status).toBe(204);
    });

    it('cancels an appointment (twice is fine), frees its slot, and refuses to move it afterwards (409)', async () => {
      const slot = { practitionerId: owner.accountId, start: '2031-03-18T09:00:00Z', end: '2031-03-18T09:45:00Z' };
      const cancelled = await booked(secretary, cabinetA, slot);
      expect((await secretary.http.post(`/api/v1/appointments/${cancelled}/cancel`)).status).toBe(204);
      expect((await owner.http.post(`/api/v1/appointments/${cancelled}/cancel`)).status).toBe(204);
      await eventually(async () =>
        expect(await listed(secretary, cabinetA, '2031-03-18T00:00:00Z', '2031-03-19T00:00:00Z')).toEqual([expect.objectContaining({ appointmentId: cancelled, status: 'cancelled' })]),
      );

      const moved = await secretary.http.patch(`/api/v1/appointments/${cancelled}`, { start: '2031-03-18T10:00:00Z', end: '2031-03-18T10:45:00Z' });
      expect(moved.status).toBe(409);
      expect(moved.body.code).toBe('APPOINTMENT.CANCELLED');
      await booked(secretary, cabinetA, slot);
    });

    it('answers 404 for an appointment that does not exist, and for one of a cabinet the caller cannot see', async () => {
      const inB = await booked(colleague, cabinetB, { practitionerId: colleague.accountId, start: '2031-03-19T09:00:00Z', end: '2031-03-19T09:30:00Z' });
      for (const [appointmentId, who] of [['no-such-appointment', owner], [inB, secretary]] as const) {
        const answers = await Promise.all([
          who.http.patch(`/api/v1/appointments/${appointmentId}`, { reason: 'x' }),
          who.http.post(`/api/v1/appointments/${appointmentId}/cancel`),
        ]);
        expect(answers.map(({ status, body }) => [status, body.code])).toEqual([
          [404, 'RESOURCE.NOT_FOUND'],
          [404, 'RESOURCE.NOT_FOUND'],
        ]);
      }
    });
  });

  describe('listing', () => {
    it('lists the current week (on the cabinet’s wall clocks) when no range is given', async () => {
      // Now is in this week whatever the cabinet's time zone; noon UTC today need not be.
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      const [start, end] = [minute, minute + 30 * 60_000].map((instant) => new Date(instant).toISOString());
      const appointmentId = await booked(owner, cabinetB, { practitionerId: owner.accountId, start, end });
      await eventually(async () => expect((await owner.http.get(appointmentsOf(cabinetB))).body).toContainEqual(expect.objectContaining({ appointmentId })));
    });

    it('lists the appointments overlapping the range, sorted by start', async () => {
      const late = await booked(owner, cabinetB, { practitionerId: owner.accountId, start: '2031-03-20T16:00:00Z', end: '2031-03-20T16:45:00Z' });
      const early = await booked(colleague, cabinetB, { practitionerId: colleague.accountId, start: '2031-03-20T07:30:00Z', end: '2031-03-20T08:30:00Z' });
      await booked(owner, cabinetB, { practitionerId: owner.accountId, start: '2031-03-20T18:00:00Z', end: '2031-03-20T18:45:00Z' });
      await eventually(async () =>
        expect((await listed(owner, cabinetB, '2031-03-20T08:00:00Z', '2031-03-20T17:00:00Z')).map(({ appointmentId }) => appointmentId)).toEqual([early, late]),
      );
    });
  });

  describe('bad input gets a clear 4xx and writes nothing', () => {
    const nineToTen = { start: '2031-03-24T09:00:00Z', end: '2031-03-24T10:00:00Z' };
    const cases: ReadonlyArray<[string, () => Promise<HttpAnswer>, number, string, RegExp]> = [
      ['end before start', () => book(owner, cabinetA, { practitionerId: owner.accountId, start: '2031-03-24T10:00:00Z', end: '2031-03-24T09:00:00Z' }), 400, 'APPOINTMENT.END_NOT_AFTER_START', /end/],
      ['longer than 12 hours', () => book(owner, cabinetA, { practitionerId: owner.accountId, start: '2031-03-24T06:00:00Z', end: '2031-03-24T18:30:00Z' }), 400, 'APPOINTMENT.TOO_LONG', /12 hours/],
      ['a date that does not exist', () => book(owner, cabinetA, { practitionerId: owner.accountId, start: '2031-02-30T09:00:00+01:00', end: '2031-02-30T10:00:00+01:00' }), 400, 'REQUEST.INVALID', /start/],
      ['not a date at all', () => book(owner, cabinetA, { practitionerId: owner.accountId, start: 'tomorrow at nine', end: nineToTen.end }), 400, 'REQUEST.INVALID', /start/],
      ['a time without an offset', () => book(owner, cabinetA, { practitionerId: owner.accountId, start: nineToTen.start, end: '2031-03-24T10:00:00' }), 400, 'REQUEST.INVALID', /end must be an ISO-8601 date-time with an offset/],
      ['a blank patient name', () => book(owner, cabinetA, { practitionerId: owner.accountId, ...nineToTen, patientName: '   ' }), 400, 'REQUEST.INVALID', /patientName/],
      ['no patient name', () => owner.http.post(appointmentsOf(cabinetA), { practitionerId: owner.accountId, ...nineToTen }), 400, 'REQUEST.INVALID', /patientName/],
      ['an unknown field', () => owner.http.post(appointmentsOf(cabinetA), { practitionerId: owner.accountId, patientName: 'Jeanne Dupont', ...nineToTen, room: 2 }), 400, 'REQUEST.INVALID', /room/],
      ['an operator object', () => owner.http.post(appointmentsOf(cabinetA), { practitionerId: { $ne: null }, patientName: 'Jeanne Dupont', ...nineToTen }), 400, 'REQUEST.OPERATOR_NOT_ALLOWED', /practitionerId/],
      ['a practitioner from elsewhere', () => book(owner, cabinetA, { practitionerId: colleague.accountId, ...nineToTen }), 400, 'APPOINTMENT.PRACTITIONER_NOT_IN_CABINET', /practitionerId/],
      ['a cabinet that does not exist', () => book(owner, 'no-such-cabinet', { practitionerId: owner.accountId, ...nineToTen }), 404, 'RESOURCE.NOT_FOUND', /not found/],
      ['a cabinet the caller cannot see', () => book(secretary, cabinetB, { practitionerId: owner.accountId, ...nineToTen }), 404, 'RESOURCE.NOT_FOUND', /not found/],
      ['a cabinet where the caller’s role has no planning', () => book(substitute, cabinetA, { practitionerId: owner.accountId, ...nineToTen }), 403, 'ACCESS.FORBIDDEN', /role/],
      ['a change that changes nothing', () => owner.http.patch('/api/v1/appointments/any', {}), 400, 'REQUEST.INVALID', /start, end, reason/],
      ['a move to a null start (the schema says string)', () => owner.http.patch('/api/v1/appointments/any', { start: null }), 400, 'REQUEST.INVALID', /start/],
      ['a change of patient (an appointment keeps the patient it was booked for)', () => owner.http.patch('/api/v1/appointments/any', { patientId: 'another' }), 400, 'REQUEST.INVALID', /patientId/],
      ['a null reason in a booking', () => owner.http.post(appointmentsOf(cabinetA), { practitionerId: owner.accountId, patientName: 'Jeanne Dupont', ...nineToTen, reason: null }), 400, 'REQUEST.INVALID', /reason/],
      ['a range with from only', () => owner.http.get(`${appointmentsOf(cabinetA)}?from=2031-03-24T00:00:00Z`), 400, 'APPOINTMENT.INVALID_RANGE', /from and to/],
      ['a range ending before it starts', () => owner.http.get(`${appointmentsOf(cabinetA)}?from=2031-03-24T00:00:00Z&to=2031-03-23T00:00:00Z`), 400, 'APPOINTMENT.INVALID_RANGE', /to must be after from/],
      ['a range longer than 62 days', () => owner.http.get(`${appointmentsOf(cabinetA)}?from=2031-01-01T00:00:00Z&to=2031-03-05T00:00:00Z`), 400, 'APPOINTMENT.INVALID_RANGE', /62 days/],
      ['a range that is not dates', () => owner.http.get(`${appointmentsOf(cabinetA)}?from=monday&to=friday`), 400, 'REQUEST.INVALID', /from/],
      ['an unknown query parameter', () => owner.http.get(`${appointmentsOf(cabinetA)}?practitionerId=${owner.accountId}`), 400, 'REQUEST.INVALID', /practitionerId/],
    ];

    it.each(cases)('%s', async (_name, send, status, code, message) => {
      const before = await planningEventCount();
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ statusCode: status, code, message: expect.stringMatching(message) });
      expect(await planningEventCount()).toBe(before);
    });

    it('a move to an end before its start', async () => {
      const appointmentId = await booked(owner, cabinetA, { practitionerId: owner.accountId, ...nineToTen });
      const before = await planningEventCount();
      const answer = await owner.http.patch(`/api/v1/appointments/${appointmentId}`, { end: '2031-03-24T08:00:00Z' });
      expect(answer.body).toEqual({ statusCode: 400, code: 'APPOINTMENT.END_NOT_AFTER_START', message: expect.stringMatching(/end/) });
      expect(await planningEventCount()).toBe(before);
    });
  });

  it('publishes only events that match their contract, never the reason of a visit', async () => {
    await eventually(() => expect(conformance.report().types).toEqual(new Set(['AppointmentBooked', 'AppointmentMoved', 'AppointmentCancelled'])));
    expect(conformance.report().violations).toEqual([]);
  });
});
