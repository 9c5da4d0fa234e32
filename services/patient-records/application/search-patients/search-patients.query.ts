import { Injectable } from '@nestjs/common';
import { AccessCheck, type Caller } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { foldedWords, PATIENT_DIRECTORY, type PatientDirectoryEntry } from '../patient-directory/patient-directory.projection';

export type PatientListing = Pick<PatientDirectoryEntry, 'patientId' | 'cabinetId' | 'firstName' | 'lastName' | 'birthDate'>;

/**
 * GET /cabinets/:id/patients?q=: the cabinet's patients whose names have a word starting with
 * each word of `q`, whatever the case or accents ("hel dur" finds Hélène Durand), by family name.
 * A listing shows names, not records, so it is not written to the records' access logs.
 * Eventually consistent: a patient registered a moment ago appears within a second.
 */
@Injectable()
export class SearchPatientsQuery {
  constructor(
    private readonly access: AccessCheck,
    private readonly readStore: ReadStore,
  ) {}

  async execute(caller: Caller, cabinetId: string, query: string | undefined): Promise<PatientListing[]> {
    await this.access.require(caller.principal.accountId, 'patient.read', { kind: 'cabinet', cabinetId }, 'Cabinet');
    const words = foldedWords(query ?? '');
    const found = await this.readStore.collection<PatientDirectoryEntry>(PATIENT_DIRECTORY).find(
      { cabinetId, ...(words.length > 0 && { $and: words.map((word) => ({ searchText: { $regex: ` ${word}` } })) }) },
      { sort: { lastNameFolded: 1, firstNameFolded: 1, _id: 1 } },
    );
    return found.map(({ patientId, firstName, lastName, birthDate }) => ({ patientId, cabinetId, firstName, lastName, birthDate }));
  }
}
