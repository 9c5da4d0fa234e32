import { can } from '@osteo/access-policy';
import { useMemo } from 'react';
import { useSpace } from '../access/space-context';
import type { Cabinet } from '../access/queries';
import { todayIn } from '../format/dates';
import { usePractitioners } from '../access/queries';
import type { Allows } from './patient-rules';

/** The cabinets of the current space whose patients I may read, by name. */
export function usePatientCabinets(): readonly Cabinet[] {
  const { access, cabinets } = useSpace();
  return useMemo(
    () =>
      cabinets
        .filter((cabinet) => can(access, 'patient.read', { kind: 'cabinet', cabinetId: cabinet.cabinetId }) === 'allow')
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    [access, cabinets],
  );
}

/** What the policy allows me in one cabinet. */
export function useAllows(cabinetId: string | undefined): Allows {
  const { access } = useSpace();
  return useMemo(() => (action) => cabinetId !== undefined && can(access, action, { kind: 'cabinet', cabinetId }) === 'allow', [access, cabinetId]);
}

/** Today in the cabinet's time zone (Europe/Paris unless the cabinet says otherwise). */
export function useCabinetToday(cabinetId: string | undefined): { today: string; timeZone: string } {
  const { cabinets } = useSpace();
  const timeZone = cabinets.find((cabinet) => cabinet.cabinetId === cabinetId)?.timeZone ?? 'Europe/Paris';
  return { today: todayIn(timeZone), timeZone };
}

/** Names of the cabinet's practitioners by account id, mine included. */
export function usePractitionerNames(cabinetId: string): ReadonlyMap<string, string> {
  const { me } = useSpace();
  const practitioners = usePractitioners(cabinetId);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const practitioner of practitioners.data ?? []) if (practitioner.displayName) names.set(practitioner.accountId, practitioner.displayName);
    names.set(me.accountId, me.displayName);
    return names;
  }, [practitioners.data, me.accountId, me.displayName]);
}
