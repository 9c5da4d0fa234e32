import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../api/client';
import { useApi } from '../app/platform';
import type { AccessGrant } from '../session/session-store';

export interface Me {
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  readonly kind: 'main' | 'specific';
  readonly mustChangePassword: boolean;
  /** A provisioned account named after its address until its holder chooses a name. */
  readonly mustChooseDisplayName: boolean;
  /** The account's language (PUT /me/language), French until chosen; `languageChosen` says whether it was. */
  readonly language: 'fr' | 'en';
  readonly languageChosen: boolean;
  readonly access: readonly AccessGrant[];
}

export interface Cabinet {
  readonly cabinetId: string;
  readonly name: string;
  readonly ownerId: string;
  readonly ownerDisplayName?: string | null;
  readonly role: string;
  readonly roles: readonly string[];
  readonly timeZone: string;
  readonly address?: string | null;
  /** How it reminds patients of their appointments: hours before (0: never), the address and phone (E.164) shown. */
  readonly reminderSettings?: ReminderSettings;
}

export interface ReminderSettings {
  readonly delayHours: number;
  readonly address: string | null;
  readonly phone: string | null;
}

export const meQueryKey = ['me'] as const;
export const cabinetsQueryKey = ['cabinets'] as const;

/** Who I am and what I may reach (GET /me); read again when access may have changed. */
export function useMe() {
  const api = useApi();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => (await unwrap(api.GET('/api/v1/me'))) as unknown as Me,
    refetchInterval: 30_000,
  });
}

/** Every cabinet I can see, with my roles there (GET /cabinets). */
export function useCabinets() {
  const api = useApi();
  return useQuery({
    queryKey: cabinetsQueryKey,
    queryFn: async () =>
      ((await unwrap(api.GET('/api/v1/cabinets'))) as unknown as Cabinet[]).map((cabinet) => ({
        ...cabinet,
        timeZone: cabinet.timeZone ?? 'Europe/Paris',
      })),
  });
}

/**
 * Who practises in a cabinet (owner, colleagues, substitutes in force), with their names: the
 * agenda's legend and practitioner choice, and the names on a record's consultations and log.
 */
export function usePractitioners(cabinetId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['practitioners', cabinetId],
    queryFn: () => unwrap(api.GET('/api/v1/cabinets/{cabinetId}/practitioners', { params: { path: { cabinetId: cabinetId! } } })),
    enabled: cabinetId !== undefined,
    staleTime: 60_000,
  });
}
