import { can } from '@osteo/access-policy';
import { useMemo } from 'react';
import { useSpace } from '../access/space-context';
import type { Practice } from '../access/queries';
import { todayIn } from '../format/dates';
import { usePractitioners } from '../access/queries';
import type { Allows } from './patient-rules';

/** The practices of the current space whose patients I may read, by name. */
export function usePatientPractices(): readonly Practice[] {
  const { access, practices } = useSpace();
  return useMemo(
    () =>
      practices
        .filter((practice) => can(access, 'patient.read', { kind: 'practice', cabinetId: practice.cabinetId }) === 'allow')
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    [access, practices],
  );
}

/** What the policy allows me in one practice. */
export function useAllows(cabinetId: string | undefined): Allows {
  const { access } = useSpace();
  return useMemo(() => (action) => cabinetId !== undefined && can(access, action, { kind: 'practice', cabinetId }) === 'allow', [access, cabinetId]);
}

/** Today in the practice's time zone (Europe/Paris unless the practice says otherwise). */
export function usePracticeToday(cabinetId: string | undefined): { today: string; timeZone: string } {
  const { practices } = useSpace();
  const timeZone = practices.find((practice) => practice.cabinetId === cabinetId)?.timeZone ?? 'Europe/Paris';
  return { today: todayIn(timeZone), timeZone };
}

/** Names of the practice's practitioners by account id, mine included. */
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
