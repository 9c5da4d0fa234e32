import type { AccessCheck, Caller } from '@osteo/auth';
import { InMemoryReadStore } from '@osteo/read-store';
import { PATIENT_DIRECTORY, patientDirectoryProjection, type PatientDirectoryEntry } from '../patient-directory/patient-directory.projection';
import { SearchPatientsQuery } from './search-patients.query';

const CABINET = 'cab-lyon';
const caller: Caller = { principal: { accountId: 'acc-claire', kind: 'main', mustChangePassword: false }, correlationId: 'test' };
/** The policy is tested where it lives; here every cabinet is open to the caller. */
const allowingEverything = { require: async () => ({ accountId: 'acc-claire', cabinets: new Map() }) } as unknown as AccessCheck;

async function directoryOf(patients: readonly (readonly [patientId: string, firstName: string, lastName: string, cabinetId?: string])[]): Promise<InMemoryReadStore> {
  const readStore = new InMemoryReadStore();
  for (const [patientId, firstName, lastName, cabinetId = CABINET] of patients) {
    const entry = patientDirectoryProjection.evolve(null, {
      eventId: patientId,
      type: 'PatientRegistered',
      version: 1,
      streamId: `patient-${patientId}`,
      revision: 0,
      occurredAt: '2026-03-02T08:30:00.000Z',
      actorId: null,
      correlationId: null,
      causationId: null,
      data: { patientId, cabinetId, ownerId: 'acc-claire', firstName, lastName, birthDate: '1984-06-12', phone: null, email: null, medicalHistory: null },
    });
    await readStore.collection<PatientDirectoryEntry>(PATIENT_DIRECTORY).insertOne(entry!);
  }
  return readStore;
}

describe('searching a cabinet’s patients by name', () => {
  let search: (q: string | undefined) => Promise<string[]>;

  beforeAll(async () => {
    const readStore = await directoryOf([
      ['p-helene', 'Hélène', 'Durand-Lefèvre'],
      ['p-helena', 'Helena', 'Ødegaard'],
      ['p-marc', 'Marc', 'Durant'],
      ['p-zoe', 'Zoé', 'Abel'],
      ['p-zoe-durand', 'Zoé', 'Durand'],
      ['p-elsewhere', 'Hélène', 'Durand', 'cab-other'],
    ]);
    const query = new SearchPatientsQuery(allowingEverything, readStore);
    search = async (q) => (await query.execute(caller, CABINET, q, { limit: 200 })).items.map(({ patientId }) => patientId);
  });

  it('without a query, lists the cabinet’s patients by family name, then first name, whatever the case or accents', async () => {
    expect(await search(undefined)).toEqual(['p-zoe', 'p-zoe-durand', 'p-helene', 'p-marc', 'p-helena']);
  });

  it('matches words where they start, in any case, with or without accents', async () => {
    expect(await search('HEL')).toEqual(['p-helene', 'p-helena']);
    expect(await search('lefevre')).toEqual(['p-helene']);
    expect(await search('Lefèvre')).toEqual(['p-helene']);
    expect(await search('ene')).toEqual([]);
  });

  it('requires every word of the query: "dur hel" finds Hélène Durand-Lefèvre, not Marc Durant', async () => {
    expect(await search('dur hel')).toEqual(['p-helene']);
    expect(await search('dur')).toEqual(['p-zoe-durand', 'p-helene', 'p-marc']);
  });

  it('treats pattern characters in the query as separators, never as a pattern', async () => {
    expect(await search('.*')).toEqual(['p-zoe', 'p-zoe-durand', 'p-helene', 'p-marc', 'p-helena']);
    expect(await search('d.r')).toEqual([]);
  });
});
