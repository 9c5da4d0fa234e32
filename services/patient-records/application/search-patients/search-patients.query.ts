import { Injectable } from '@nestjs/common';
import { AccessCheck, type Caller } from '@osteo/auth';
import { findPage, type KeysetOrder, mapPage, type Page, type PageRequest, ReadStore } from '@osteo/read-store';
import { foldedWords, PATIENT_DIRECTORY, type PatientDirectoryEntry } from '../patient-directory/patient-directory.projection';

export type PatientListing = Pick<PatientDirectoryEntry, 'patientId' | 'cabinetId' | 'firstName' | 'lastName' | 'birthDate'>;

/** Family name, first name, then the id: two Jeanne Dupont keep one order from page to page. */
const BY_FOLDED_NAME: KeysetOrder = [['lastNameFolded', 1], ['firstNameFolded', 1], ['_id', 1]];

/**
 * GET /cabinets/:id/patients?q=: the cabinet's patients whose names have a word starting with
 * each word of `q`, whatever the case or accents ("hel dur" finds Hélène Durand), by family name.
 * A listing shows names, not records, so it is not written to the records' access logs.
 * Eventually consistent: a patient registered a moment ago appears within a second. In pages
 * (docs/adr/0008-pagination.md): a cabinet's patients grow by the thousand over the years.
 */
@Injectable()
export class SearchPatientsQuery {
  constructor(
    private readonly access: AccessCheck,
    private readonly readStore: ReadStore,
  ) {}

  async execute(caller: Caller, cabinetId: string, query: string | undefined, page: PageRequest): Promise<Page<PatientListing>> {
    await this.access.require(caller.principal.accountId, 'patient.read', { kind: 'cabinet', cabinetId }, 'Cabinet');
    const words = foldedWords(query ?? '');
    const found = await findPage(
      this.readStore.collection<PatientDirectoryEntry>(PATIENT_DIRECTORY),
      { cabinetId, ...(words.length > 0 && { $and: words.map((word) => ({ searchText: { $regex: ` ${word}` } })) }) },
      BY_FOLDED_NAME,
      page,
    );
    return mapPage(found, ({ patientId, firstName, lastName, birthDate }) => ({ patientId, cabinetId, firstName, lastName, birthDate }));
  }
}
