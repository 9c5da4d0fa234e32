import { AccessReader } from '@osteo/auth';
import { IntegrationEnvelope, Topics } from '@osteo/contracts';
import { BusSubscription, EventBus } from '@osteo/messaging';
import { PatientRecordsModule } from '../../services/patient-records/patient-records.module';
import { SignedIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { ContractConformance } from '../support/contract-conformance';
import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpAnswer, HttpClient } from '../support/http-client';
import { providerOf } from '../support/platform-internals';

/**
 * Patient records through the gateway, in the embedded profile: who may read, create, change and
 * delete what (emptying a field is deleting it), consultations completed by their practitioner
 * with the fee and retrocession rate published for the ledger, the access log of each record, and
 * nothing clinical on records.events (a registration publishes its ids only).
 *
 * Cast: the owner has cabinets A and B; a colleague shares B; a substitute (30 %), a secretary
 * and an accountant were given A; a stranger has a cabinet of their own and nothing else.
 */
describe('patient records, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  const conformance = new ContractConformance();
  const published: IntegrationEnvelope[] = [];
  let recorder: BusSubscription;

  let owner: SignedIn;
  let colleague: SignedIn;
  let substitute: SignedIn;
  let secretary: SignedIn;
  let accountant: SignedIn;
  let stranger: SignedIn;
  let cabinetA: string;
  let cabinetB: string;
  let substituteDelegation: string;

  const today = new Date().toISOString().slice(0, 10);
  /** Her phone already in E.164, so that what is read back is what was sent (the typed forms: below). */
  const helene = { firstName: 'Hélène', lastName: 'Durand', birthDate: '1984-06-12', phone: '+33612345678', medicalHistory: 'Asthme depuis l’enfance' };
  const clinicalTexts = ['Asthme', 'Lombalgie', 'Flexion limitée', 'Techniques myotensives', 'Douleur depuis trois jours', '+33612345678', '1984-06-12'];

  const recordsEventCount = () => storedEventCount(dataDir.path, 'patient-records');
  const publishedAbout = (type: string, key: string, id: string) => published.filter((envelope) => envelope.type === type && envelope.data[key] === id);

  const expectStatus = <T>(answer: HttpAnswer<T>, status: number): HttpAnswer<T> => {
    expect({ status: answer.status, body: answer.body }).toEqual({ status, body: status === 204 ? undefined : expect.anything() });
    return answer;
  };
  const registerPatient = async (who: SignedIn, cabinetId: string, patient: object = helene): Promise<string> =>
    expectStatus(await who.http.post(`/api/v1/cabinets/${cabinetId}/patients`, patient), 201).body.patientId;
  const openConsultation = async (who: SignedIn, patientId: string, reason = 'Lombalgie aiguë'): Promise<string> =>
    expectStatus(await who.http.post(`/api/v1/patients/${patientId}/consultations`, { date: today, reason }), 201).body.consultationId;
  const complete = (who: SignedIn, consultationId: string, feeCents = 6000, paymentMethod = 'card') =>
    who.http.post(`/api/v1/consultations/${consultationId}/complete`, { feeCents, paymentMethod });
  const completionOf = (consultationId: string) =>
    eventually(() => {
      const [completion, ...more] = publishedAbout('ConsultationCompleted', 'consultationId', consultationId);
      expect(completion).toBeDefined();
      expect(more).toEqual([]);
      return completion.data;
    });

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    const bus = platform.app.get(EventBus);
    await conformance.watch(bus, [Topics.records]);
    recorder = await bus.subscribe({
      groupId: `patient-records-e2e-${Date.now()}`,
      topics: [Topics.records],
      handle: async ({ envelope }) => {
        published.push(envelope);
      },
    });

    const anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
    cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
    cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;

    colleague = await registerMainAccount(anonymous, 'colleague@example.fr', 'Dr Hugo Bernard');
    const invitationId = await eventually(async () => expectStatus(await owner.http.post(`/api/v1/cabinets/${cabinetB}/colleagues`, { email: colleague.email }), 201).body.invitationId);
    expectStatus(await colleague.http.post(`/api/v1/invitations/${invitationId}/accept`), 204);

    const delegate = async (email: string, role: string, extra: object = {}): Promise<string> =>
      expectStatus(await owner.http.post('/api/v1/delegations', { email, role, cabinetIds: [cabinetA], ...extra }), 201).body.delegationId;
    substituteDelegation = await delegate('locum@example.fr', 'substitute', { retrocessionPercent: 30 });
    await delegate('secretary@example.fr', 'secretary');
    await delegate('accountant@example.fr', 'accountant');
    substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum@example.fr');
    secretary = await signInProvisionedAccount(anonymous, dataDir.path, 'secretary@example.fr');
    accountant = await signInProvisionedAccount(anonymous, dataDir.path, 'accountant@example.fr');
    stranger = await registerMainAccount(anonymous, 'stranger@example.fr', 'Dr Paul Girard');
    await stranger.http.post('/api/v1/cabinets', { name: 'Cabinet du voisin' });

    // patient-records learns who works where from access.events, within a second.
    const searchStatus = async (who: SignedIn, cabinetId: string) => (await who.http.get(`/api/v1/cabinets/${cabinetId}/patients`)).status;
    await eventually(async () => {
      expect(await searchStatus(owner, cabinetA)).toBe(200);
      expect(await searchStatus(substitute, cabinetA)).toBe(200);
      expect(await searchStatus(secretary, cabinetA)).toBe(403);
      expect(await searchStatus(accountant, cabinetA)).toBe(403);
      expect(await searchStatus(colleague, cabinetB)).toBe(200);
    });
  });

  afterAll(async () => {
    await recorder.close();
    await conformance.stop();
    await platform.stop();
    dataDir.remove();
  });

  describe('who may do what with a patient record', () => {
    let patientOfA: string;

    beforeAll(async () => {
      patientOfA = await registerPatient(owner, cabinetA);
    });

    it('the owner registers a patient and reads the whole record', async () => {
      const record = expectStatus(await owner.http.get(`/api/v1/patients/${patientOfA}`), 200);
      expect(record.body).toEqual({ patientId: patientOfA, cabinetId: cabinetA, ...helene, email: null, reminderPreferences: { channels: [], consentDate: null } });
    });

    it('the substitute reads, creates and modifies records of cabinet A', async () => {
      expectStatus(await substitute.http.get(`/api/v1/patients/${patientOfA}`), 200);
      const own = await registerPatient(substitute, cabinetA, { firstName: 'Zoé', lastName: 'Abel', birthDate: '2001-01-31' });
      expectStatus(await substitute.http.patch(`/api/v1/patients/${patientOfA}`, { email: 'helene.durand@example.fr' }), 204);
      expectStatus(await substitute.http.patch(`/api/v1/patients/${own}`, { phone: '04 78 00 00 00' }), 204);
      expect((await substitute.http.get(`/api/v1/patients/${patientOfA}`)).body.email).toBe('helene.durand@example.fr');
    });

    it('the colleague works with the records of cabinet B, and cabinet A does not exist for them', async () => {
      const patientOfB = await registerPatient(colleague, cabinetB, { firstName: 'Marc', lastName: 'Durant', birthDate: '1970-05-05' });
      expectStatus(await colleague.http.get(`/api/v1/patients/${patientOfB}`), 200);
      expectStatus(await colleague.http.patch(`/api/v1/patients/${patientOfB}`, { medicalHistory: null }), 204);
      for (const answer of [
        await colleague.http.get(`/api/v1/patients/${patientOfA}`),
        await colleague.http.patch(`/api/v1/patients/${patientOfA}`, { phone: null }),
        await colleague.http.post(`/api/v1/cabinets/${cabinetA}/patients`, helene),
      ]) {
        expect(answer.status).toBe(404);
        expect(answer.body.code).toBe('RESOURCE.NOT_FOUND');
      }
    });

    it.each([
      ['the secretary', () => secretary],
      ['the accountant', () => accountant],
    ])('%s sees cabinet A but no record of it: 403', async (_name, who) => {
      for (const answer of [
        await who().http.get(`/api/v1/patients/${patientOfA}`),
        await who().http.get(`/api/v1/cabinets/${cabinetA}/patients`),
        await who().http.post(`/api/v1/cabinets/${cabinetA}/patients`, helene),
        await who().http.patch(`/api/v1/patients/${patientOfA}`, { phone: null }),
        await who().http.post(`/api/v1/patients/${patientOfA}/consultations`, { date: today, reason: 'x' }),
      ]) {
        expect(answer.status).toBe(403);
        expect(answer.body.code).toBe('ACCESS.FORBIDDEN');
      }
    });

    it('a stranger learns nothing: every record route answers 404', async () => {
      for (const answer of [
        await stranger.http.get(`/api/v1/patients/${patientOfA}`),
        await stranger.http.get(`/api/v1/cabinets/${cabinetA}/patients`),
        await stranger.http.delete(`/api/v1/patients/${patientOfA}`),
        await stranger.http.get(`/api/v1/patients/${patientOfA}/access-log`),
        await stranger.http.get('/api/v1/patients/no-such-patient'),
      ]) {
        expect(answer.status).toBe(404);
        expect(answer.body.code).toBe('RESOURCE.NOT_FOUND');
      }
    });

    it('searches cabinet A by name, whatever the case and accents, and only cabinet A', async () => {
      const namesFound = async (who: SignedIn, cabinetId: string, q: string) =>
        (expectStatus(await who.http.get(`/api/v1/cabinets/${cabinetId}/patients?q=${encodeURIComponent(q)}`), 200).body.items as { lastName: string }[]).map(({ lastName }) => lastName);
      await eventually(async () => expect(await namesFound(owner, cabinetA, 'HELENE dur')).toEqual(['Durand']));
      await eventually(async () => expect(await namesFound(substitute, cabinetA, '')).toEqual(['Abel', 'Durand']));
      expect(await namesFound(owner, cabinetA, 'Durant')).toEqual([]);
      await eventually(async () => expect(await namesFound(owner, cabinetB, 'dur')).toEqual(['Durant']));
      const listing = (await owner.http.get(`/api/v1/cabinets/${cabinetA}/patients?q=abel`)).body.items;
      expect(Object.keys(listing[0]).sort()).toEqual(['birthDate', 'cabinetId', 'firstName', 'lastName', 'patientId']);
    });

    it('deleting a record is the owner’s alone; once deleted it is gone and PatientDeleted is published', async () => {
      const doomed = await registerPatient(substitute, cabinetA, { firstName: 'Paul', lastName: 'Éphémère', birthDate: '1990-01-01' });
      const consultation = await openConsultation(substitute, doomed);
      expect((await substitute.http.delete(`/api/v1/patients/${doomed}`)).status).toBe(403);
      expect((await colleague.http.delete(`/api/v1/patients/${doomed}`)).status).toBe(404);
      expectStatus(await owner.http.delete(`/api/v1/patients/${doomed}`), 204);
      expect((await owner.http.get(`/api/v1/patients/${doomed}`)).status).toBe(404);
      expect((await owner.http.get(`/api/v1/patients/${doomed}/consultations`)).status).toBe(404);
      expect((await substitute.http.patch(`/api/v1/consultations/${consultation}`, { notes: 'trop tard' })).status).toBe(404);
      await eventually(() => expect(publishedAbout('PatientDeleted', 'patientId', doomed).map(({ data }) => data)).toEqual([{ patientId: doomed, cabinetId: cabinetA, ownerId: owner.accountId }]));
      await eventually(async () => expect((await owner.http.get(`/api/v1/cabinets/${cabinetA}/patients?q=ephemere`)).body.items).toEqual([]));
    });
  });

  describe('phone numbers: accepted as people type them, stored in E.164', () => {
    it.each(['06 12 34 56 78', '06.12.34.56.78', '+33 6 12 34 56 78', '0033612345678'])('registered with %j: 201, the record holds +33612345678', async (typed) => {
      const patientId = await registerPatient(owner, cabinetA, { ...helene, phone: typed });
      expect((await owner.http.get(`/api/v1/patients/${patientId}`)).body.phone).toBe('+33612345678');
    });

    it('changed to a landline typed with spaces, or to a foreign number: 204, stored in E.164', async () => {
      const patientId = await registerPatient(owner, cabinetA);
      expectStatus(await substitute.http.patch(`/api/v1/patients/${patientId}`, { phone: '04 78 00 00 00' }), 204);
      expect((await owner.http.get(`/api/v1/patients/${patientId}`)).body.phone).toBe('+33478000000');
      expectStatus(await owner.http.patch(`/api/v1/patients/${patientId}`, { phone: '+44 20 7946 0958' }), 204);
      expect((await owner.http.get(`/api/v1/patients/${patientId}`)).body.phone).toBe('+442079460958');
    });

    it.each(['abc', '12', '06 12 34 56', '07 00 00 00 00', '0612345678 ext. 12'])('%j on a registration and on a change: 400 PATIENT.INVALID_PHONE naming phone, nothing written', async (typed) => {
      const patientId = await registerPatient(owner, cabinetA);
      const before = await recordsEventCount();
      for (const answer of [
        await owner.http.post(`/api/v1/cabinets/${cabinetA}/patients`, { ...helene, phone: typed }),
        await owner.http.patch(`/api/v1/patients/${patientId}`, { phone: typed }),
      ]) {
        expect(answer.body).toEqual({ statusCode: 400, code: 'PATIENT.INVALID_PHONE', message: expect.stringMatching(/^phone /) });
      }
      expect(await recordsEventCount()).toBe(before);
      expect((await owner.http.get(`/api/v1/patients/${patientId}`)).body.phone).toBe(helene.phone);
    });
  });

  describe('emptying a field that holds something deletes it: the owner’s alone (PRODUCT.md)', () => {
    const full = { ...helene, email: 'helene.durand@example.fr' };
    const notes = { notes: 'Douleur depuis trois jours', examination: 'Flexion limitée', treatment: 'Techniques myotensives' };
    const emptyings: ReadonlyArray<[string, null | string]> = [
      ['null', null],
      ['an empty string', ''],
      ['blank text', '   '],
    ];
    /** Free text is emptied by null or blank text; a phone or an e-mail by null only (blank is no phone number: 400). */
    const empties = (field: string, empty: null | string) => empty === null || field === 'medicalHistory';

    it.each(emptyings)('the substitute (A) and the colleague (B) emptying medicalHistory, email or phone with %s: 403, the record unchanged, nothing written', async (_label, empty) => {
      const ofA = await registerPatient(owner, cabinetA, full);
      const ofB = await registerPatient(owner, cabinetB, full);
      for (const [who, patientId] of [
        [substitute, ofA],
        [colleague, ofB],
      ] as const) {
        for (const field of ['medicalHistory', 'email', 'phone']) {
          if (!empties(field, empty)) continue;
          const before = await recordsEventCount();
          const answer = await who.http.patch(`/api/v1/patients/${patientId}`, { [field]: empty });
          expect({ field, body: answer.body }).toEqual({ field, body: { statusCode: 403, code: 'PATIENT.DELETION_RESERVED_TO_OWNER', message: expect.stringContaining(field) } });
          expect(await recordsEventCount()).toBe(before);
        }
        // Rewriting is editing, not deleting; emptying nothing deletes nothing.
        expectStatus(await who.http.patch(`/api/v1/patients/${patientId}`, { medicalHistory: 'Asthme depuis l’enfance, entorse (2024)' }), 204);
        expect((await who.http.get(`/api/v1/patients/${patientId}`)).body).toEqual({ patientId, cabinetId: expect.any(String), ...full, medicalHistory: 'Asthme depuis l’enfance, entorse (2024)', reminderPreferences: { channels: [], consentDate: null } });
      }
    });

    it('the owner empties them: 204 and gone', async () => {
      for (const cabinetId of [cabinetA, cabinetB]) {
        const patientId = await registerPatient(owner, cabinetId, full);
        expectStatus(await owner.http.patch(`/api/v1/patients/${patientId}`, { medicalHistory: '  ', email: null, phone: null }), 204);
        expect((await owner.http.get(`/api/v1/patients/${patientId}`)).body).toMatchObject({ medicalHistory: null, email: null, phone: null });
      }
    });

    it.each(emptyings)('the substitute and the colleague emptying a consultation’s notes, examination or treatment with %s: 403, the notes unchanged', async (_label, empty) => {
      for (const [who, cabinetId] of [
        [substitute, cabinetA],
        [colleague, cabinetB],
      ] as const) {
        const patientId = await registerPatient(owner, cabinetId);
        const consultationId = await openConsultation(who, patientId);
        expectStatus(await who.http.patch(`/api/v1/consultations/${consultationId}`, notes), 204);
        for (const field of ['notes', 'examination', 'treatment']) {
          const before = await recordsEventCount();
          const answer = await who.http.patch(`/api/v1/consultations/${consultationId}`, { [field]: empty });
          expect({ field, body: answer.body }).toEqual({ field, body: { statusCode: 403, code: 'CONSULTATION.DELETION_RESERVED_TO_OWNER', message: expect.stringContaining(field) } });
          expect(await recordsEventCount()).toBe(before);
        }
        await eventually(async () => expect((await owner.http.get(`/api/v1/patients/${patientId}/consultations`)).body.items).toEqual([expect.objectContaining({ consultationId, ...notes })]));
      }
    });

    it('the owner empties a consultation’s notes: 204 and gone', async () => {
      const patientId = await registerPatient(owner, cabinetA);
      const consultationId = await openConsultation(substitute, patientId);
      expectStatus(await substitute.http.patch(`/api/v1/consultations/${consultationId}`, notes), 204);
      expectStatus(await owner.http.patch(`/api/v1/consultations/${consultationId}`, { notes: null, examination: '', treatment: null }), 204);
      await eventually(async () =>
        expect((await owner.http.get(`/api/v1/patients/${patientId}/consultations`)).body.items).toEqual([expect.objectContaining({ consultationId, notes: null, examination: null, treatment: null })]),
      );
    });
  });

  describe('consultations', () => {
    let patientId: string;
    let bySubstitute: string;

    beforeAll(async () => {
      patientId = await registerPatient(owner, cabinetA);
      bySubstitute = await openConsultation(substitute, patientId);
    });

    it('the substitute opens a consultation and writes examination and treatment; the list shows them', async () => {
      const notes = { notes: 'Douleur depuis trois jours', examination: 'Flexion limitée', treatment: 'Techniques myotensives' };
      expectStatus(await substitute.http.patch(`/api/v1/consultations/${bySubstitute}`, notes), 204);
      await eventually(async () =>
        expect(expectStatus(await owner.http.get(`/api/v1/patients/${patientId}/consultations`), 200).body.items).toEqual([
          {
            consultationId: bySubstitute,
            practitionerId: substitute.accountId,
            date: today,
            reason: 'Lombalgie aiguë',
            ...notes,
            status: 'open',
            feeCents: null,
            paymentMethod: null,
          },
        ]),
      );
    });

    it('only the practitioner completes it: the owner gets 403 CONSULTATION.NOT_PRACTITIONER', async () => {
      const answer = await complete(owner, bySubstitute);
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('CONSULTATION.NOT_PRACTITIONER');
    });

    it('the substitute completes it: ConsultationCompleted carries role substitute and the 30 % in force', async () => {
      expectStatus(await complete(substitute, bySubstitute, 6000, 'card'), 204);
      expect(await completionOf(bySubstitute)).toEqual({
        consultationId: bySubstitute,
        patientId,
        cabinetId: cabinetA,
        ownerId: owner.accountId,
        practitionerId: substitute.accountId,
        practitionerRole: 'substitute',
        patientName: 'DURAND Hélène',
        date: today,
        feeCents: 6000,
        paymentMethod: 'card',
        retrocessionBasisPoints: 3000,
      });
    });

    it('completing it twice is a 409 CONSULTATION.ALREADY_COMPLETED that writes nothing', async () => {
      const before = await recordsEventCount();
      const answer = await complete(substitute, bySubstitute, 7000, 'cash');
      expect(answer.body).toEqual({ statusCode: 409, code: 'CONSULTATION.ALREADY_COMPLETED', message: expect.any(String) });
      expect(await recordsEventCount()).toBe(before);
    });

    it('a rate change afterwards leaves that completion at 30 % and applies to the next one', async () => {
      expectStatus(await owner.http.patch(`/api/v1/delegations/${substituteDelegation}`, { retrocessionPercent: 40 }), 204);
      // The next completion is settled at the rate patient-records' own access projection holds then.
      const recordsAccess = providerOf(platform.app, PatientRecordsModule, AccessReader);
      await eventually(async () => expect(await recordsAccess.retrocessionRateOf(substitute.accountId, owner.accountId, cabinetA, new Date())).toBe(4000));

      const next = await openConsultation(substitute, patientId, 'Cervicalgie');
      expectStatus(await complete(substitute, next, 5000, 'cash'), 204);
      expect(await completionOf(next)).toMatchObject({ practitionerRole: 'substitute', retrocessionBasisPoints: 4000, feeCents: 5000 });
      expect(await completionOf(bySubstitute)).toMatchObject({ retrocessionBasisPoints: 3000, feeCents: 6000 });
    });

    it('the owner and the colleague complete their own consultations as owner and colleague, with no rate', async () => {
      const byOwner = await openConsultation(owner, patientId);
      expectStatus(await complete(owner, byOwner, 5500, 'cheque'), 204);
      expect(await completionOf(byOwner)).toMatchObject({ practitionerId: owner.accountId, practitionerRole: 'owner', ownerId: owner.accountId, retrocessionBasisPoints: null });

      const patientOfB = await registerPatient(colleague, cabinetB, { firstName: 'Léa', lastName: 'Roux', birthDate: '1995-09-09' });
      const byColleague = await openConsultation(colleague, patientOfB);
      expectStatus(await complete(colleague, byColleague, 5000, 'transfer'), 204);
      expect(await completionOf(byColleague)).toMatchObject({
        practitionerId: colleague.accountId,
        practitionerRole: 'colleague',
        ownerId: owner.accountId,
        cabinetId: cabinetB,
        patientName: 'ROUX Léa',
        retrocessionBasisPoints: null,
      });
    });

    it('correcting the fee is the owner’s: the substitute gets 403, the owner’s correction is published', async () => {
      expect((await substitute.http.post(`/api/v1/consultations/${bySubstitute}/correct-fee`, { feeCents: 6500, paymentMethod: 'cash' })).status).toBe(403);
      expectStatus(await owner.http.post(`/api/v1/consultations/${bySubstitute}/correct-fee`, { feeCents: 6500, paymentMethod: 'cash' }), 204);
      await eventually(() =>
        expect(publishedAbout('ConsultationFeeCorrected', 'consultationId', bySubstitute).map(({ data }) => data)).toEqual([
          // Version 2: with what places it, as completed (the rate in force then, not the 40 % set since).
          {
            consultationId: bySubstitute,
            cabinetId: cabinetA,
            ownerId: owner.accountId,
            feeCents: 6500,
            paymentMethod: 'cash',
            date: today,
            practitionerId: substitute.accountId,
            practitionerRole: 'substitute',
            retrocessionBasisPoints: 3000,
          },
        ]),
      );
      await eventually(async () =>
        expect((await owner.http.get(`/api/v1/patients/${patientId}/consultations`)).body.items).toContainEqual(
          expect.objectContaining({ consultationId: bySubstitute, status: 'completed', feeCents: 6500, paymentMethod: 'cash' }),
        ),
      );
    });

    it('deleting a consultation is the owner’s: the substitute gets 403; the deletion is published with wasCompleted', async () => {
      expect((await substitute.http.delete(`/api/v1/consultations/${bySubstitute}`)).status).toBe(403);
      const open = await openConsultation(substitute, patientId);
      expect((await substitute.http.delete(`/api/v1/consultations/${open}`)).status).toBe(403);

      expectStatus(await owner.http.delete(`/api/v1/consultations/${bySubstitute}`), 204);
      expectStatus(await owner.http.delete(`/api/v1/consultations/${open}`), 204);
      await eventually(() => {
        expect(publishedAbout('ConsultationDeleted', 'consultationId', bySubstitute).map(({ data }) => data)).toEqual([
          { consultationId: bySubstitute, cabinetId: cabinetA, ownerId: owner.accountId, wasCompleted: true },
        ]);
        expect(publishedAbout('ConsultationDeleted', 'consultationId', open).map(({ data }) => data.wasCompleted)).toEqual([false]);
      });
      expect((await substitute.http.patch(`/api/v1/consultations/${bySubstitute}`, { notes: 'x' })).status).toBe(404);
      await eventually(async () => {
        const listed = (await owner.http.get(`/api/v1/patients/${patientId}/consultations`)).body.items as { consultationId: string }[];
        expect(listed.map(({ consultationId }) => consultationId)).not.toContain(bySubstitute);
      });
    });
  });

  it('every opening of a record is in its access log, which the owner alone reads', async () => {
    const patientId = await registerPatient(substitute, cabinetA, { firstName: 'Inès', lastName: 'Garnier', birthDate: '1999-12-24' });
    expectStatus(await owner.http.get(`/api/v1/patients/${patientId}`), 200);
    expectStatus(await substitute.http.get(`/api/v1/patients/${patientId}`), 200);
    expectStatus(await substitute.http.get(`/api/v1/patients/${patientId}/consultations`), 200);
    // A refused attempt opens nothing, so it is not an opening.
    expect((await secretary.http.get(`/api/v1/patients/${patientId}`)).status).toBe(403);

    const log = expectStatus(await owner.http.get(`/api/v1/patients/${patientId}/access-log`), 200).body;
    // Newest first.
    expect(log).toEqual({
      items: [
        { accountId: substitute.accountId, role: 'substitute', view: 'consultations', at: expect.any(String) },
        { accountId: substitute.accountId, role: 'substitute', view: 'record', at: expect.any(String) },
        { accountId: owner.accountId, role: 'owner', view: 'record', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
      ],
      nextCursor: null,
      total: 3,
    });
    for (const who of [substitute, secretary, accountant]) {
      const answer = await who.http.get(`/api/v1/patients/${patientId}/access-log`);
      expect(answer.status).toBe(403);
    }
    // Reading the log is not an opening of the record.
    expect((await owner.http.get(`/api/v1/patients/${patientId}/access-log`)).body.items).toHaveLength(3);
  });

  describe('bad input gets a clear 4xx and writes nothing', () => {
    let patientId: string;
    let openOne: string;
    let completedOne: string;

    beforeAll(async () => {
      patientId = await registerPatient(owner, cabinetA);
      openOne = await openConsultation(substitute, patientId);
      completedOne = await openConsultation(substitute, patientId);
      expectStatus(await complete(substitute, completedOne), 204);
    });

    type Answer = { status: number; body: { code: string; message: string } };
    const fee = (feeCents: unknown, paymentMethod: unknown = 'card') => () => substitute.http.post(`/api/v1/consultations/${openOne}/complete`, { feeCents, paymentMethod });
    const cases: ReadonlyArray<[string, () => Promise<Answer>, number, string, RegExp]> = [
      ['a zero fee', fee(0), 400, 'REQUEST.INVALID', /feeCents/],
      ['a negative fee', fee(-6000), 400, 'REQUEST.INVALID', /feeCents/],
      ['a fee in fractions of a cent', fee(60.5), 400, 'REQUEST.INVALID', /feeCents/],
      ['a fee as text', fee('6000'), 400, 'REQUEST.INVALID', /feeCents/],
      ['an unknown payment method', fee(6000, 'bitcoin'), 400, 'REQUEST.INVALID', /paymentMethod/],
      ['completing twice', () => complete(substitute, completedOne), 409, 'CONSULTATION.ALREADY_COMPLETED', /already completed/],
      ['an unknown field in a completion', () => substitute.http.post(`/api/v1/consultations/${openOne}/complete`, { feeCents: 6000, paymentMethod: 'card', discount: 10 }), 400, 'REQUEST.INVALID', /discount/],
      ['a correction to a zero fee', () => owner.http.post(`/api/v1/consultations/${completedOne}/correct-fee`, { feeCents: 0, paymentMethod: 'card' }), 400, 'REQUEST.INVALID', /feeCents/],
      ['correcting an open consultation', () => owner.http.post(`/api/v1/consultations/${openOne}/correct-fee`, { feeCents: 6000, paymentMethod: 'card' }), 409, 'CONSULTATION.NOT_COMPLETED', /completed/],
      ['a consultation date that is no date', () => substitute.http.post(`/api/v1/patients/${patientId}/consultations`, { date: '2026-02-30', reason: 'x' }), 400, 'REQUEST.INVALID', /date/],
      ['a consultation date in words', () => substitute.http.post(`/api/v1/patients/${patientId}/consultations`, { date: 'yesterday', reason: 'x' }), 400, 'REQUEST.INVALID', /date/],
      ['a consultation in the future', () => substitute.http.post(`/api/v1/patients/${patientId}/consultations`, { date: '2999-01-01', reason: 'x' }), 400, 'CONSULTATION.DATE_IN_THE_FUTURE', /date/],
      ['moving a completed consultation', () => substitute.http.patch(`/api/v1/consultations/${completedOne}`, { date: '2020-01-01' }), 409, 'CONSULTATION.DATE_FIXED_ONCE_COMPLETED', /date/],
      ['a birth date that is no date', () => owner.http.post(`/api/v1/cabinets/${cabinetA}/patients`, { ...helene, birthDate: '12/06/1984' }), 400, 'REQUEST.INVALID', /birthDate/],
      ['a birth date in the future', () => owner.http.post(`/api/v1/cabinets/${cabinetA}/patients`, { ...helene, birthDate: '2999-01-01' }), 400, 'PATIENT.BIRTH_DATE_IN_THE_FUTURE', /birthDate/],
      ['a missing last name', () => owner.http.post(`/api/v1/cabinets/${cabinetA}/patients`, { firstName: 'Hélène', birthDate: '1984-06-12' }), 400, 'REQUEST.INVALID', /lastName/],
      ['an unknown field in a record', () => owner.http.post(`/api/v1/cabinets/${cabinetA}/patients`, { ...helene, bloodType: 'O+' }), 400, 'REQUEST.INVALID', /bloodType/],
      ['a null first name', () => owner.http.patch(`/api/v1/patients/${patientId}`, { firstName: null }), 400, 'REQUEST.INVALID', /firstName/],
      ['a null phone in a registration (the schema says string)', () => owner.http.post(`/api/v1/cabinets/${cabinetA}/patients`, { ...helene, phone: null }), 400, 'REQUEST.INVALID', /phone/],
      ['a null medical history in a registration', () => owner.http.post(`/api/v1/cabinets/${cabinetA}/patients`, { ...helene, medicalHistory: null }), 400, 'REQUEST.INVALID', /medicalHistory/],
      ['a null birth date in a change', () => owner.http.patch(`/api/v1/patients/${patientId}`, { birthDate: null }), 400, 'REQUEST.INVALID', /birthDate/],
      ['null notes on opening a consultation', () => substitute.http.post(`/api/v1/patients/${patientId}/consultations`, { date: today, reason: 'x', notes: null }), 400, 'REQUEST.INVALID', /notes/],
      ['a null reason in a change', () => substitute.http.patch(`/api/v1/consultations/${openOne}`, { reason: null }), 400, 'REQUEST.INVALID', /reason/],
      ['an empty change', () => owner.http.patch(`/api/v1/patients/${patientId}`, {}), 400, 'REQUEST.INVALID', /at least one/],
      ['an operator in the query string', () => owner.http.get(`/api/v1/cabinets/${cabinetA}/patients?q[$ne]=x`), 400, 'REQUEST.INVALID', /q/],
      ['a secretary writing a record', () => secretary.http.post(`/api/v1/cabinets/${cabinetA}/patients`, helene), 403, 'ACCESS.FORBIDDEN', /Cabinet/],
      ['a colleague writing in a cabinet they do not share', () => colleague.http.post(`/api/v1/cabinets/${cabinetA}/patients`, helene), 404, 'RESOURCE.NOT_FOUND', /Cabinet/],
      ['a stranger opening a consultation', () => stranger.http.post(`/api/v1/patients/${patientId}/consultations`, { date: today, reason: 'x' }), 404, 'RESOURCE.NOT_FOUND', /Patient/],
    ];

    it.each(cases)('%s', async (_name, send, status, code, message) => {
      const before = await recordsEventCount();
      const answer = await send();
      expect(answer.body).toEqual({ statusCode: status, code, message: expect.stringMatching(message) });
      expect(await recordsEventCount()).toBe(before);
    });
  });

  it('publishes on records.events only events that match their contract, and nothing clinical', async () => {
    await eventually(() => {
      const { types } = conformance.report();
      for (const type of ['PatientRegistered', 'ConsultationCompleted', 'ConsultationFeeCorrected', 'ConsultationDeleted', 'PatientDeleted']) expect(types).toContain(type);
    });
    expect(conformance.report().violations).toEqual([]);
    expect(new Set(published.map(({ type }) => type))).toEqual(new Set(['PatientRegistered', 'ConsultationCompleted', 'ConsultationFeeCorrected', 'ConsultationDeleted', 'PatientDeleted']));
    // A registration says which cabinet the patient belongs to, nothing of who they are.
    const registrations = published.filter(({ type }) => type === 'PatientRegistered');
    expect(new Set(registrations.map(({ data }) => Object.keys(data).sort().join()))).toEqual(new Set(['cabinetId,ownerId,patientId']));
    const everythingPublished = JSON.stringify(published);
    for (const text of clinicalTexts) expect(everythingPublished).not.toContain(text);
    for (const field of ['reason', 'examination', 'treatment', 'notes', 'medicalHistory', 'birthDate', 'phone', 'email']) {
      expect(published.filter(({ data }) => field in data)).toEqual([]);
    }
  });
});
