import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client';
import { SessionStore, type SessionState } from '../session/session-store';

/**
 * What every screen shares from the first paint: the session and the API client. Server-state
 * caching (TanStack Query) and notifications come with the signed-in screens
 * (app/SignedInProviders.tsx), so the login page loads neither.
 */
interface Platform {
  readonly session: SessionStore;
  readonly api: ApiClient;
}

const PlatformContext = createContext<Platform | null>(null);

export function createPlatform(): Platform {
  const session = new SessionStore();
  return { session, api: createApiClient(session) };
}

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    void platform.session.restore().finally(() => setRestored(true));
  }, [platform]);
  return <PlatformContext.Provider value={platform}>{restored || platform.session.current.status !== 'unknown' ? children : null}</PlatformContext.Provider>;
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
