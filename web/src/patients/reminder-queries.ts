import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../api/client';
import { useApi } from '../app/platform';
import { patientKeys } from './queries';
import type { ReminderPreferences } from './reminder-rules';
import type { PatientRecord } from './types';

/**
 * PUT /patients/:id/reminder-preferences. The record is read from its own stream, so the change
 * is in the record's cache at once; the reminder schedule follows on the server.
 */
export function useSetReminderPreferences(patient: PatientRecord) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReminderPreferences) => {
      await unwrap(api.PUT('/api/v1/patients/{patientId}/reminder-preferences', { params: { path: { patientId: patient.patientId } }, body: { ...body, channels: [...body.channels] } }));
      queryClient.setQueryData<PatientRecord>(patientKeys.record(patient.patientId), (current) => (current ? { ...current, reminderPreferences: { ...body, channels: [...body.channels] } } : current));
    },
  });
}
