import { InMemoryReadStore } from '@osteo/read-store';
import { CabinetPatients } from './cabinet-patients';
import { PLANNING_PATIENTS, type CabinetPatient } from './cabinet-patients.projection';

describe('cabinet patients: whether a booking may name a patientId', () => {
  const given = async (...patients: CabinetPatient[]) => {
    const readStore = new InMemoryReadStore();
    for (const patient of patients) await readStore.collection<CabinetPatient>(PLANNING_PATIENTS).insertOne(patient);
    return { readStore, patients: new CabinetPatients(readStore) };
  };
  const lyon = (patientId: string, status: CabinetPatient['status'] = 'registered'): CabinetPatient => ({ _id: patientId, patientId, cabinetId: 'cab-lyon', status });

  it('given a live patient of the cabinet, then it may be named', async () => {
    const { patients } = await given(lyon('pat-1'));
    await expect(patients.requireBelongsTo('pat-1', 'cab-lyon')).resolves.toBeUndefined();
  });

  it.each([
    ['of another cabinet', 'cab-villeurbanne', lyon('pat-1')],
    ['deleted', 'cab-lyon', lyon('pat-1', 'deleted')],
  ])('given a patient %s, then APPOINTMENT.UNKNOWN_PATIENT', async (_label, cabinetId, patient) => {
    const { patients } = await given(patient);
    await expect(patients.requireBelongsTo('pat-1', cabinetId)).rejects.toMatchObject({ code: 'APPOINTMENT.UNKNOWN_PATIENT' });
  });

  it('given a patient planning hears of while the booking waits, then it may be named', async () => {
    const { readStore, patients } = await given();
    const checked = patients.requireBelongsTo('pat-2', 'cab-lyon');
    await readStore.collection<CabinetPatient>(PLANNING_PATIENTS).insertOne(lyon('pat-2'));
    await expect(checked).resolves.toBeUndefined();
  });

  it('given an id planning never hears of, then APPOINTMENT.UNKNOWN_PATIENT once the wait is over', async () => {
    const { patients } = await given(lyon('pat-1'));
    await expect(patients.requireBelongsTo('no-such-patient', 'cab-lyon')).rejects.toMatchObject({ code: 'APPOINTMENT.UNKNOWN_PATIENT' });
  });
});
