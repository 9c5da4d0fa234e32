import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type ApiClient } from '../api/client';
import { pollUntil } from '../api/eventual';
import { useApi } from '../app/platform';
import { showsChange, showsErased, type ChangeDelegationBody, type Delegation, type Delegations, type GrantDelegationBody } from './delegation-rules';

/** The specific accounts' server state, through the generated client (api/schema.d.ts). */
export const delegationsQueryKey = ['delegations'] as const;

async function readDelegations(api: ApiClient): Promise<Delegations> {
  return unwrap(api.GET('/api/v1/delegations'));
}

/**
 * The specific accounts I granted and the grants I received (GET /delegations). A grant stays
 * pending while the grantee's account is being created (a second or so): read again every two
 * seconds meanwhile, so "en attente" turns "actif" without a reload.
 */
export function useDelegations() {
  const api = useApi();
  return useQuery({
    queryKey: delegationsQueryKey,
    queryFn: () => readDelegations(api),
    refetchInterval: (query) => (query.state.data?.granted.some((delegation) => delegation.status === 'pending') ? 2_000 : 30_000),
  });
}

type Track = <T>(work: Promise<T>) => Promise<T>;

/** Reads the delegations again until `done`, while the screen says it is waiting; a failed re-read leaves the list as it is. */
function useFollow(track: Track) {
  const api = useApi();
  const queryClient = useQueryClient();
  return (done: (delegations: Delegations) => boolean) => {
    const read = () => queryClient.fetchQuery({ queryKey: delegationsQueryKey, queryFn: () => readDelegations(api), staleTime: 0 });
    track(pollUntil(read, done)).catch(() => undefined);
  };
}

const granted = (delegations: Delegations, delegationId: string): Delegation | undefined =>
  delegations.granted.find((delegation) => delegation.delegationId === delegationId);

/** Create a specific account (POST /delegations); an e-mail without an account gets one and a temporary password. */
export function useGrantDelegation(track: Track) {
  const api = useApi();
  const follow = useFollow(track);
  return useMutation({
    mutationFn: async (body: GrantDelegationBody) => (await unwrap(api.POST('/api/v1/delegations', { body: { ...body, cabinetIds: [...body.cabinetIds] } }))).delegationId,
    onSuccess: (delegationId) => follow((delegations) => granted(delegations, delegationId) !== undefined),
  });
}

/** Change the cabinets or the retrocession rate of a specific account (PATCH /delegations/:id). */
export function useChangeDelegation(track: Track) {
  const api = useApi();
  const follow = useFollow(track);
  return useMutation({
    mutationFn: async ({ delegationId, body }: { delegationId: string; body: ChangeDelegationBody }) => {
      await unwrap(api.PATCH('/api/v1/delegations/{delegationId}', { params: { path: { delegationId } }, body: { ...body, cabinetIds: body.cabinetIds && [...body.cabinetIds] } }));
    },
    onSuccess: (_, { delegationId, body }) => follow((delegations) => showsChange(granted(delegations, delegationId), body)),
  });
}

/** Revoke a specific account (DELETE /delegations/:id): the access is gone within a second. */
export function useRevokeDelegation(track: Track) {
  const api = useApi();
  const follow = useFollow(track);
  return useMutation({
    mutationFn: async (delegationId: string) => {
      await unwrap(api.DELETE('/api/v1/delegations/{delegationId}', { params: { path: { delegationId } } }));
    },
    onSuccess: (_, delegationId) => follow((delegations) => granted(delegations, delegationId)?.status !== 'active' && granted(delegations, delegationId)?.status !== 'pending'),
  });
}

/**
 * Erase a specific account my delegation created, once no delegation to it is in force
 * (DELETE /accounts/:accountId): its address and name are gone for good and its sessions end; the
 * list names it "Compte effacé" within a second.
 */
export function useEraseAccount(track: Track) {
  const api = useApi();
  const follow = useFollow(track);
  return useMutation({
    mutationFn: async (accountId: string) => {
      await unwrap(api.DELETE('/api/v1/accounts/{accountId}', { params: { path: { accountId } } }));
    },
    onSuccess: (_, accountId) => follow((delegations) => showsErased(delegations, accountId)),
  });
}
