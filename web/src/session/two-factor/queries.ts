import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../app/platform';

export const twoFactorStatusQueryKey = ['two-factor'] as const;

/** Whether two-factor sign-in is on, required of me by a cabinet, and required by me of my team. */
export function useTwoFactorStatus() {
  const api = useApi();
  return useQuery({ queryKey: twoFactorStatusQueryKey, queryFn: () => unwrap(api.GET('/api/v1/me/two-factor')) });
}

/** Step one: the password given again, a new secret shown once. */
export function useStartTwoFactorEnrolment() {
  const api = useApi();
  return useMutation({ mutationFn: (password: string) => unwrap(api.POST('/api/v1/me/two-factor/enrolment', { body: { password } })) });
}

/** Step two: a first code turns it on; the answer holds the ten recovery codes, shown once. */
export function useConfirmTwoFactorEnrolment() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/me/two-factor/enrolment/confirm', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorStatusQueryKey }),
  });
}

export function useDisableTwoFactor() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code?: string; recoveryCode?: string }) => unwrap(api.POST('/api/v1/me/two-factor/disable', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorStatusQueryKey }),
  });
}

/** The owner's switch for everyone working in their cabinets. */
export function useSetTeamTwoFactorRequirement() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (required: boolean) => unwrap(api.PUT('/api/v1/me/two-factor/team-requirement', { body: { required } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorStatusQueryKey }),
  });
}
