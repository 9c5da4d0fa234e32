import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cabinetsQueryKey, meQueryKey, type Me, type Cabinet, type ReminderSettings } from '../access/queries';
import { unwrap, type ApiClient } from '../api/client';
import { pollUntil } from '../api/eventual';
import { useApi } from '../app/platform';
import { sameReminderSettings, type ChangeCabinetBody, type Colleague, type OpenCabinetBody } from './cabinet-rules';

/** The cabinets area's server state, through the generated client (api/schema.d.ts). */

export interface Invitation {
  readonly invitationId: string;
  readonly cabinetId: string;
  readonly cabinetName: string | null;
  readonly ownerId: string;
  readonly ownerDisplayName: string | null;
  readonly inviteeAccountId: string;
  readonly inviteeEmail: string | null;
  readonly inviteeDisplayName: string | null;
  readonly status: 'pending' | 'accepted';
}

export interface Invitations {
  readonly received: readonly Invitation[];
  readonly sent: readonly Invitation[];
}

export const invitationsQueryKey = ['invitations'] as const;
export const colleaguesQueryKey = (cabinetId: string) => ['cabinet-colleagues', cabinetId] as const;

/** As useCabinets reads them (access/queries.ts), for the re-reads after a write. */
async function readCabinets(api: ApiClient): Promise<Cabinet[]> {
  return (await unwrap(api.GET('/api/v1/cabinets'))).map((cabinet) => ({ ...cabinet, timeZone: cabinet.timeZone ?? 'Europe/Paris' }));
}

async function readMe(api: ApiClient): Promise<Me> {
  return unwrap(api.GET('/api/v1/me'));
}

async function readInvitations(api: ApiClient): Promise<Invitations> {
  return unwrap(api.GET('/api/v1/invitations'));
}

async function readColleagues(api: ApiClient, cabinetId: string): Promise<Colleague[]> {
  return unwrap(api.GET('/api/v1/cabinets/{cabinetId}/colleagues', { params: { path: { cabinetId } } }));
}

/** Invitations to share a cabinet: those I received (pending) and those I sent (GET /invitations). */
export function useInvitations() {
  const api = useApi();
  return useQuery({ queryKey: invitationsQueryKey, queryFn: () => readInvitations(api), refetchInterval: 60_000 });
}

/** The colleagues invited to a cabinet of mine, with where each stands (GET /cabinets/:id/colleagues, owner). */
export function useColleagues(cabinetId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: colleaguesQueryKey(cabinetId), queryFn: () => readColleagues(api, cabinetId), enabled });
}

/**
 * Reading again until the read models show a write. `track` (useCatchUp) lets the screen say it
 * is waiting meanwhile; the mutation itself resolves as soon as the API has accepted the write.
 */
function useCatchUpReads() {
  const api = useApi();
  const queryClient = useQueryClient();
  const fresh = <T,>(queryKey: readonly unknown[], queryFn: () => Promise<T>) => () => queryClient.fetchQuery({ queryKey, queryFn, staleTime: 0 });
  return {
    cabinetsUntil: (done: (cabinets: Cabinet[]) => boolean) => pollUntil(fresh(cabinetsQueryKey, () => readCabinets(api)), done),
    meUntil: (done: (me: Me) => boolean) => pollUntil(fresh(meQueryKey, () => readMe(api)), done),
    invitationsUntil: (done: (invitations: Invitations) => boolean) => pollUntil(fresh(invitationsQueryKey, () => readInvitations(api)), done),
    colleaguesUntil: (cabinetId: string, done: (colleagues: Colleague[]) => boolean) =>
      pollUntil(fresh(colleaguesQueryKey(cabinetId), () => readColleagues(api, cabinetId)), done),
  };
}

const reaches = (me: Me, cabinetId: string) => me.access.some((grant) => grant.cabinetIds.includes(cabinetId));

type Track = <T>(work: Promise<T>) => Promise<T>;

/** Follows a catch-up; a failed re-read leaves the lists as they are (their own refetch shows the error). */
function follow(track: Track, work: Promise<unknown>): void {
  track(work).catch(() => undefined);
}

/** Open a cabinet (POST /cabinets); then the cabinets list and my access (the menu, `can()`) catch up. */
export function useOpenCabinet(track: Track) {
  const api = useApi();
  const reads = useCatchUpReads();
  return useMutation({
    mutationFn: async (body: OpenCabinetBody) => (await unwrap(api.POST('/api/v1/cabinets', { body }))).cabinetId,
    onSuccess: (cabinetId) =>
      follow(track, 
        Promise.all([
          reads.cabinetsUntil((cabinets) => cabinets.some((cabinet) => cabinet.cabinetId === cabinetId)),
          reads.meUntil((me) => reaches(me, cabinetId)),
        ]),
      ),
  });
}

/** Rename a cabinet or change its time zone (PATCH /cabinets/:id). */
export function useChangeCabinet(track: Track) {
  const api = useApi();
  const reads = useCatchUpReads();
  return useMutation({
    mutationFn: async ({ cabinetId, body }: { cabinetId: string; body: ChangeCabinetBody }) => {
      await unwrap(api.PATCH('/api/v1/cabinets/{cabinetId}', { params: { path: { cabinetId } }, body }));
    },
    onSuccess: (_, { cabinetId, body }) =>
      follow(track, 
        reads.cabinetsUntil((cabinets) =>
          cabinets.some(
            (cabinet) =>
              cabinet.cabinetId === cabinetId && (body.name === undefined || cabinet.name === body.name) && (body.timeZone === undefined || cabinet.timeZone === body.timeZone),
          ),
        ),
      ),
  });
}

/**
 * How the cabinet reminds its patients (PUT /cabinets/:id/reminder-settings, owner): resolves with
 * the settings as stored (the phone in E.164); then the cabinets list catches up.
 */
export function useChangeReminderSettings(cabinetId: string, track: Track) {
  const api = useApi();
  const reads = useCatchUpReads();
  return useMutation({
    mutationFn: async (body: ReminderSettings): Promise<ReminderSettings> =>
      unwrap(api.PUT('/api/v1/cabinets/{cabinetId}/reminder-settings', { params: { path: { cabinetId } }, body })),
    onSuccess: (stored) =>
      follow(track, reads.cabinetsUntil((cabinets) => cabinets.some((cabinet) => cabinet.cabinetId === cabinetId && sameReminderSettings(cabinet.reminderSettings, stored)))),
  });
}

/** Close a cabinet (POST /cabinets/:id/close): it leaves every list and every access. */
export function useCloseCabinet(track: Track) {
  const api = useApi();
  const reads = useCatchUpReads();
  return useMutation({
    mutationFn: async (cabinetId: string) => {
      await unwrap(api.POST('/api/v1/cabinets/{cabinetId}/close', { params: { path: { cabinetId } } }));
    },
    onSuccess: (_, cabinetId) =>
      follow(track, 
        Promise.all([
          reads.cabinetsUntil((cabinets) => !cabinets.some((cabinet) => cabinet.cabinetId === cabinetId)),
          reads.meUntil((me) => !reaches(me, cabinetId)),
        ]),
      ),
  });
}

/** Invite a colleague by e-mail (POST /cabinets/:id/colleagues); the invitee must have a main account. */
export function useInviteColleague(cabinetId: string, track: Track) {
  const api = useApi();
  const reads = useCatchUpReads();
  return useMutation({
    mutationFn: async (email: string) =>
      (await unwrap(api.POST('/api/v1/cabinets/{cabinetId}/colleagues', { params: { path: { cabinetId } }, body: { email } }))).invitationId,
    onSuccess: (invitationId) => follow(track, reads.colleaguesUntil(cabinetId, (colleagues) => colleagues.some((colleague) => colleague.invitationId === invitationId))),
  });
}

/** Remove a colleague from a cabinet (DELETE /cabinets/:id/colleagues/:accountId). */
export function useRemoveColleague(cabinetId: string, track: Track) {
  const api = useApi();
  const reads = useCatchUpReads();
  return useMutation({
    mutationFn: async (accountId: string) => {
      await unwrap(api.DELETE('/api/v1/cabinets/{cabinetId}/colleagues/{accountId}', { params: { path: { cabinetId, accountId } } }));
    },
    onSuccess: (_, accountId) =>
      follow(track, reads.colleaguesUntil(cabinetId, (colleagues) => !colleagues.some((colleague) => colleague.accountId === accountId && colleague.status === 'active'))),
  });
}

/**
 * Accept an invitation (POST /invitations/:id/accept); then the shared cabinet appears in my
 * cabinets and my access, so the space switcher offers it.
 */
export function useAcceptInvitation(track: Track) {
  const api = useApi();
  const reads = useCatchUpReads();
  return useMutation({
    mutationFn: async (invitation: Invitation) => {
      await unwrap(api.POST('/api/v1/invitations/{invitationId}/accept', { params: { path: { invitationId: invitation.invitationId } } }));
    },
    onSuccess: (_, invitation) =>
      follow(track, 
        Promise.all([
          reads.invitationsUntil((invitations) => !invitations.received.some((received) => received.invitationId === invitation.invitationId)),
          reads.cabinetsUntil((cabinets) => cabinets.some((cabinet) => cabinet.cabinetId === invitation.cabinetId)),
          reads.meUntil((me) => reaches(me, invitation.cabinetId)),
        ]),
      ),
  });
}
