import type { PrincipalAccess } from '@osteo/access-policy';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useCabinets, useMe, type Me, type Cabinet } from './queries';
import { areasIn, ledgerHoldersIn, principalAccessOf, spacesOf, type Area, type Space } from './spaces';

export interface SpaceView {
  readonly me: Me;
  readonly access: PrincipalAccess;
  readonly spaces: readonly Space[];
  readonly space: Space;
  /** The cabinets of the current space the caller can see, with names and time zones. */
  readonly cabinets: readonly Cabinet[];
  readonly areas: readonly Area[];
  /** Whose ledgers the caller reads in this space (their own first). */
  readonly ledgerHolders: readonly string[];
  /** The name to show for an owner (the space switcher, the accountant's choice). */
  readonly ownerName: (ownerId: string) => string | undefined;
  readonly chooseSpace: (ownerId: string) => void;
}

const SpaceContext = createContext<SpaceView | null>(null);
const SPACE_KEY = 'osteo.space';

/** Provides the current space; renders `fallback` until who I am and my cabinets are known. */
export function SpaceProvider({ children, fallback }: { children: ReactNode; fallback: (state: 'loading' | 'error' | 'no-access', retry: () => void) => ReactNode }) {
  const me = useMe();
  const cabinets = useCabinets();
  const [chosen, setChosen] = useState<string | null>(() => sessionStorage.getItem(SPACE_KEY));
  const view = useMemo<SpaceView | null>(() => {
    if (!me.data || !cabinets.data) return null;
    const isMain = me.data.kind === 'main';
    const access = principalAccessOf(me.data.accountId, me.data.access);
    const spaces = spacesOf(access, isMain);
    if (spaces.length === 0) return null;
    const space = spaces.find((candidate) => candidate.ownerId === chosen) ?? spaces[0];
    const names = new Map<string, string>([[me.data.accountId, me.data.displayName]]);
    for (const cabinet of cabinets.data) if (cabinet.ownerDisplayName) names.set(cabinet.ownerId, cabinet.ownerDisplayName);
    return {
      me: me.data,
      access,
      spaces,
      space,
      cabinets: cabinets.data.filter((cabinet) => space.cabinetIds.includes(cabinet.cabinetId) || cabinet.ownerId === space.ownerId),
      areas: areasIn(access, space, isMain),
      ledgerHolders: ledgerHoldersIn(access, space, isMain),
      ownerName: (ownerId) => names.get(ownerId),
      chooseSpace: (ownerId) => {
        sessionStorage.setItem(SPACE_KEY, ownerId);
        setChosen(ownerId);
      },
    };
  }, [me.data, cabinets.data, chosen]);
  if (!view) {
    const failed = me.isError || cabinets.isError;
    const noAccess = me.data !== undefined && cabinets.data !== undefined;
    return <>{fallback(failed ? 'error' : noAccess ? 'no-access' : 'loading', () => void Promise.all([me.refetch(), cabinets.refetch()]))}</>;
  }
  return <SpaceContext.Provider value={view}>{children}</SpaceContext.Provider>;
}

export function useSpace(): SpaceView {
  const view = useContext(SpaceContext);
  if (!view) throw new Error('useSpace outside SpaceProvider');
  return view;
}
