import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { unwrap, type ApiClient } from '../api/client';
import { pollUntil } from '../api/eventual';
import { useApi } from '../app/platform';
import { type ConsultationFormValues, type OpenConsultationBody, type RegisterPatientBody, type ReviseConsultationBody, type UpdatePatientBody } from './patient-rules';
import type { Consultation, PatientListing, PatientRecord, PaymentMethod, RecordOpening } from './types';

/**
 * Server state of the patients area. Opening a record or its consultations is written to the
 * record's access log, so those two are not read again on a window focus nor more often than a
 * screen needs; the lists are read models that catch up within a second, so a write polls them
 * until the change shows.
 */
export const patientKeys = {
  all: ['patients'] as const,
  search: (cabinetId: string) => ['patients', 'search', cabinetId] as const,
  searchFor: (cabinetId: string, q: string) => ['patients', 'search', cabinetId, q] as const,
  record: (patientId: string) => ['patients', 'record', patientId] as const,
  consultations: (patientId: string) => ['patients', 'consultations', patientId] as const,
  accessLog: (patientId: string) => ['patients', 'access-log', patientId] as const,
};

/** Called once the API has accepted a write, while the lists catch up ("Enregistré. La liste se met à jour…"). */
interface Written {
  onWritten?: () => void;
}

const recordReading = { staleTime: 60_000, refetchOnWindowFocus: false } as const;
const POLL = { timeoutMs: 10_000, intervalMs: 400 } as const;

/** One page of a list, as every paged route answers it (docs/adr/0008-pagination.md). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
  readonly total: number;
}

/** The pages read so far, as one list, with the list's total. */
export interface PagedList<T> {
  readonly items: readonly T[];
  readonly total: number;
}

function pagedList<T>(data: InfiniteData<Page<T>, string | undefined>): PagedList<T> {
  return { items: data.pages.flatMap((page) => page.items), total: data.pages[0]?.total ?? 0 };
}

const pages = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: <T,>(last: Page<T>) => last.nextCursor ?? undefined,
};

/** The largest page the API gives: what a write reads while it waits for a change to show. */
const LARGEST_PAGE = 200;

async function searchPatients(api: ApiClient, cabinetId: string, q: string, cursor?: string, limit?: number): Promise<Page<PatientListing>> {
  const query = { ...(q.trim() !== '' && { q: q.trim() }), ...(cursor !== undefined && { cursor }), ...(limit !== undefined && { limit }) };
  return unwrap(api.GET('/api/v1/cabinets/{cabinetId}/patients', { params: { path: { cabinetId }, query } }));
}

async function readConsultations(api: ApiClient, patientId: string, cursor?: string, limit?: number): Promise<Page<Consultation>> {
  const query = { ...(cursor !== undefined && { cursor }), ...(limit !== undefined && { limit }) };
  return unwrap(api.GET('/api/v1/patients/{patientId}/consultations', { params: { path: { patientId }, query } }));
}

/** Every page of a list, for a write waiting until its change shows wherever it lands. */
async function everyPage<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

/** The cabinet's patients whose names start with the words of `q` (any case, accents optional), page by page. */
export function usePatientSearch(cabinetId: string | undefined, q: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: patientKeys.searchFor(cabinetId ?? '', q.trim()),
    queryFn: ({ pageParam }) => searchPatients(api, cabinetId!, q, pageParam),
    ...pages,
    select: pagedList,
    enabled: cabinetId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** One record; each reading is logged in the record's access log. */
export function usePatient(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: patientKeys.record(patientId),
    queryFn: (): Promise<PatientRecord> => unwrap(api.GET('/api/v1/patients/{patientId}', { params: { path: { patientId } } })),
    ...recordReading,
  });
}

/** A patient's consultations, newest first, page by page (each page read is an opening of the record). */
export function useConsultations(patientId: string, enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: patientKeys.consultations(patientId),
    queryFn: ({ pageParam }) => readConsultations(api, patientId, pageParam),
    ...pages,
    select: pagedList,
    enabled,
    ...recordReading,
  });
}

/** Who opened the record, newest first (the owner), page by page. */
export function useAccessLog(patientId: string, enabled: boolean) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: patientKeys.accessLog(patientId),
    queryFn: ({ pageParam }): Promise<Page<RecordOpening>> =>
      unwrap(api.GET('/api/v1/patients/{patientId}/access-log', { params: { path: { patientId }, query: pageParam === undefined ? {} : { cursor: pageParam } } })),
    ...pages,
    select: pagedList,
    enabled,
  });
}

/**
 * After a write, the cabinet's patients named by `q` (the names the write concerns, so the
 * patient is found whatever page they land on) are read again until `done` holds; then every
 * search of the cabinet is read again.
 */
async function refreshPatientLists(api: ApiClient, queryClient: QueryClient, cabinetId: string, q: string, done: (patients: PatientListing[]) => boolean): Promise<void> {
  await pollUntil(() => everyPage((cursor) => searchPatients(api, cabinetId, q, cursor, LARGEST_PAGE)), done, POLL);
  await queryClient.invalidateQueries({ queryKey: patientKeys.search(cabinetId) });
}

async function refreshConsultations(api: ApiClient, queryClient: QueryClient, patientId: string, done: (consultations: Consultation[]) => boolean): Promise<void> {
  await pollUntil(() => everyPage((cursor) => readConsultations(api, patientId, cursor, LARGEST_PAGE)), done, POLL);
  await queryClient.invalidateQueries({ queryKey: patientKeys.consultations(patientId) });
}

/** Registers a patient, then waits until the cabinet's list shows them. */
export function useRegisterPatient(cabinetId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, onWritten }: { body: RegisterPatientBody } & Written) => {
      const { patientId } = await unwrap(api.POST('/api/v1/cabinets/{cabinetId}/patients', { params: { path: { cabinetId } }, body }));
      onWritten?.();
      // The record is readable at once; the list shows the new patient within a second.
      await refreshPatientLists(api, queryClient, cabinetId, body.lastName, (patients) => patients.some((patient) => patient.patientId === patientId)).catch(() => undefined);
      return patientId;
    },
  });
}

export function useUpdatePatient(patient: PatientRecord) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, onWritten }: { body: UpdatePatientBody } & Written) => {
      await unwrap(api.PATCH('/api/v1/patients/{patientId}', { params: { path: { patientId: patient.patientId } }, body }));
      onWritten?.();
      // The record is read from its own stream: the change is there at once.
      queryClient.setQueryData<PatientRecord>(patientKeys.record(patient.patientId), (current) => (current ? { ...current, ...body } : current));
      if (body.firstName !== undefined || body.lastName !== undefined || body.birthDate !== undefined) {
        const changed = (listing: PatientListing) =>
          (body.firstName === undefined || listing.firstName === body.firstName) &&
          (body.lastName === undefined || listing.lastName === body.lastName) &&
          (body.birthDate === undefined || listing.birthDate === body.birthDate);
        await refreshPatientLists(api, queryClient, patient.cabinetId, body.lastName ?? patient.lastName, (patients) =>
          patients.some((listing) => listing.patientId === patient.patientId && changed(listing)),
        ).catch(
          () => undefined,
        );
      }
    },
  });
}

/** Deletes a record (owner), then waits until the cabinet's list no longer shows it. */
export function useDeletePatient(patient: PatientRecord) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (onWritten?: () => void) => {
      await unwrap(api.DELETE('/api/v1/patients/{patientId}', { params: { path: { patientId: patient.patientId } } }));
      onWritten?.();
      await refreshPatientLists(api, queryClient, patient.cabinetId, patient.lastName, (patients) => !patients.some((listing) => listing.patientId === patient.patientId));
      queryClient.removeQueries({ queryKey: patientKeys.record(patient.patientId) });
      queryClient.removeQueries({ queryKey: patientKeys.consultations(patient.patientId) });
      queryClient.removeQueries({ queryKey: patientKeys.accessLog(patient.patientId) });
    },
  });
}

export function useOpenConsultation(patientId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, onWritten }: { body: OpenConsultationBody } & Written) => {
      const { consultationId } = await unwrap(api.POST('/api/v1/patients/{patientId}/consultations', { params: { path: { patientId } }, body }));
      onWritten?.();
      await refreshConsultations(api, queryClient, patientId, (list) => list.some((consultation) => consultation.consultationId === consultationId));
      return consultationId;
    },
  });
}

export function useReviseConsultation(patientId: string, consultationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, values, onWritten }: { body: ReviseConsultationBody; values: ConsultationFormValues } & Written) => {
      await unwrap(api.PATCH('/api/v1/consultations/{consultationId}', { params: { path: { consultationId } }, body }));
      onWritten?.();
      await refreshConsultations(api, queryClient, patientId, (list) => {
        const shown = list.find((consultation) => consultation.consultationId === consultationId);
        return shown !== undefined && (body.reason === undefined || shown.reason === values.reason.trim()) && (body.date === undefined || shown.date === body.date) &&
          (['notes', 'examination', 'treatment'] as const).every((field) => body[field] === undefined || shown[field] === body[field]);
      });
    },
  });
}

export interface FeeBody {
  feeCents: number;
  paymentMethod: PaymentMethod;
}

/** Completes a consultation (its practitioner, once); `correct` corrects a completed one's fee (owner). */
export function useConsultationFee(patientId: string, consultationId: string, mode: 'complete' | 'correct') {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, onWritten }: { body: FeeBody } & Written) => {
      const params = { params: { path: { consultationId } }, body };
      await unwrap(
        mode === 'complete' ? api.POST('/api/v1/consultations/{consultationId}/complete', params) : api.POST('/api/v1/consultations/{consultationId}/correct-fee', params),
      );
      onWritten?.();
      await refreshConsultations(api, queryClient, patientId, (list) =>
        list.some(
          (consultation) =>
            consultation.consultationId === consultationId &&
            consultation.status === 'completed' &&
            consultation.feeCents === body.feeCents &&
            consultation.paymentMethod === body.paymentMethod,
        ),
      );
    },
  });
}

export function useDeleteConsultation(patientId: string, consultationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (onWritten?: () => void) => {
      await unwrap(api.DELETE('/api/v1/consultations/{consultationId}', { params: { path: { consultationId } } }));
      onWritten?.();
      await refreshConsultations(api, queryClient, patientId, (list) => !list.some((consultation) => consultation.consultationId === consultationId));
    },
  });
}
