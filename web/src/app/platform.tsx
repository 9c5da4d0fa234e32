import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client';
import { ApiError } from '../api/api-error';
import { SessionStore, type SessionState } from '../session/session-store';

interface Platform {
  readonly session: SessionStore;
  readonly api: ApiClient;
  readonly queryClient: QueryClient;
}

const PlatformContext = createContext<Platform | null>(null);

export function createPlatform(): Platform {
  const session = new SessionStore();
  const queryClient = new QueryClient({
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
  // Whoever logs out (here or in another tab) leaves no data of theirs in memory.
  session.subscribe((state) => {
    if (state.status === 'anonymous') queryClient.clear();
  });
  return { session, api: createApiClient(session), queryClient };
}

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    void platform.session.restore().finally(() => setRestored(true));
  }, [platform]);
  return (
    <PlatformContext.Provider value={platform}>
      <QueryClientProvider client={platform.queryClient}>{restored || platform.session.current.status !== 'unknown' ? children : null}</QueryClientProvider>
    </PlatformContext.Provider>
  );
}

function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new Error('usePlatform outside PlatformProvider');
  return platform;
}

export function useApi(): ApiClient {
  return usePlatform().api;
}

export function useSessionStore(): SessionStore {
  return usePlatform().session;
}

export function useSessionState(): SessionState {
  const session = useSessionStore();
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.current,
  );
}
