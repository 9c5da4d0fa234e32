import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Outlet } from 'react-router';
import { ApiError } from '../api/api-error';
import { cabinetsQueryKey, meQueryKey } from '../access/queries';
import { useSessionStore } from './platform';

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A 403 or 404 on something the menu offered means access changed (a revocation, a closed
      // cabinet): read who I am again, so the menu and the space follow at once.
      onError: (error, query) => {
        const key = query.queryKey[0];
        if (error instanceof ApiError && (error.status === 403 || error.status === 404) && key !== meQueryKey[0] && key !== cabinetsQueryKey[0]) {
          void client.invalidateQueries({ queryKey: meQueryKey });
          void client.invalidateQueries({ queryKey: cabinetsQueryKey });
        }
      },
    }),
    defaultOptions: {
      queries: {
        // A refusal (403, 404) will not change by asking again; a network failure may.
        retry: (failures, error) => failures < 2 && error instanceof ApiError && (error.isNetworkFailure || error.status >= 500),
        staleTime: 5_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/** Server-state cache and notifications for the signed-in screens; emptied when the session ends. */
export default function SignedInProviders() {
  const session = useSessionStore();
  const [queryClient] = useState(createQueryClient);
  useEffect(
    () =>
      session.subscribe((state) => {
        if (state.status === 'anonymous') queryClient.clear();
      }),
    [session, queryClient],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <Notifications position="top-right" />
      <Outlet />
    </QueryClientProvider>
  );
}
