import { Alert, Button, Group, Radio, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import 'dayjs/locale/fr';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cabinet } from '../access/queries';
import { ApiError } from '../api/api-error';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import {
  delegatedRoles,
  EMAIL_MAX_LENGTH,
  emptyGrantValues,
  grantFieldOfError,
  parseTypedDay,
  toGrantBody,
  validateGrant,
  type GrantValues,
} from './delegation-rules';
import { CabinetChoice } from './CabinetChoice';
import { useGrantDelegation } from './queries';
import { DialogModal } from '../components/DialogModal';
import { FailureAlert } from '../components/FailureAlert';

type Track = <T>(work: Promise<T>) => Promise<T>;

/** "Créer un compte spécifique": who, which role (what it reaches), which cabinets, and for a substitute the retrocession. */
export function GrantModal({ opened, onClose, cabinets, today, track }: { opened: boolean; onClose: () => void; cabinets: readonly Cabinet[]; today: string; track: Track }) {
  const { t } = useTranslation('accounts');
  return (
    <DialogModal opened={opened} onClose={onClose} title={t('grant.title')} centered size="lg">
      {opened && <GrantForm cabinets={cabinets} today={today} onDone={onClose} track={track} />}
    </DialogModal>
  );
}

function GrantForm({ cabinets, today, onDone, track }: { cabinets: readonly Cabinet[]; today: string; onDone: () => void; track: Track }) {
  const { t, i18n } = useTranslation('accounts');
  const { t: common } = useTranslation('common');
  const errorMessage = useErrorMessage();
  const grant = useGrantDelegation(track);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<GrantValues>({
    initialValues: { ...emptyGrantValues, cabinetIds: cabinets.length === 1 ? [cabinets[0].cabinetId] : [] },
    validate: (values) => {
      const problems = validateGrant(values, today);
      return {
        email: problems.email && t(`field.email.${problems.email}`),
        role: problems.role && t('field.role.required'),
        cabinetIds: problems.cabinetIds && t('field.cabinets.required'),
        retrocessionPercent: problems.retrocessionPercent && t(`field.retrocession.${problems.retrocessionPercent}`),
        endsOn: problems.endsOn && t(`field.endsOn.${problems.endsOn}`),
      };
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await grant.mutateAsync(toGrantBody(values));
      notifySuccess(t('grant.done', { email: values.email.trim(), role: t(`common:role.${values.role}`) }));
      onDone();
    } catch (error) {
      const field = error instanceof ApiError ? grantFieldOfError(error.code) : undefined;
      if (field) form.setFieldError(field, errorMessage(error));
      else if (!applyApiFieldErrors(error, ['email', 'role', 'cabinetIds', 'retrocessionPercent', 'endsOn'], form.setFieldError, t('field.invalid'))) setFailure(errorMessage(error));
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <FailureAlert message={failure} />
        <TextInput label={t('field.email')} type="email" autoComplete="off" required maxLength={EMAIL_MAX_LENGTH} data-autofocus {...form.getInputProps('email')} />
        <Radio.Group label={t('field.role')} required {...form.getInputProps('role')}>
          <Stack gap="sm" mt={6}>
            {delegatedRoles.map((role) => (
              <Radio key={role} value={role} label={t(`role.${role}`)} description={t(`role.${role}.reach`)} />
            ))}
          </Stack>
        </Radio.Group>
        <CabinetChoice cabinets={cabinets} value={form.values.cabinetIds} onChange={(ids) => form.setFieldValue('cabinetIds', ids)} error={form.errors.cabinetIds} />
        {form.values.role === 'substitute' && (
          <TextInput
            label={t('field.retrocession')}
            description={t('field.retrocession.hint')}
            required
            inputMode="decimal"
            rightSection="%"
            maw={260}
            {...form.getInputProps('retrocessionPercent')}
          />
        )}
        <DateInput
          label={t('field.endsOn')}
          description={t('field.endsOn.hint')}
          placeholder={t('field.endsOn.placeholder')}
          valueFormat="DD/MM/YYYY"
          dateParser={parseTypedDay}
          locale={i18n.language}
          minDate={today}
          clearable
          clearButtonProps={{ 'aria-label': t('field.endsOn.clear') }}
          nextLabel={t('calendar.next')}
          previousLabel={t('calendar.previous')}
          popoverProps={{ withinPortal: true }}
          // Escape in the date field closes its calendar, not the whole form (what was typed stays).
          data-mantine-stop-propagation
          maw={260}
          value={form.values.endsOn}
          onChange={(day) => form.setFieldValue('endsOn', day)}
          error={form.errors.endsOn}
        />
        <Alert color="blue" variant="light" title={t('grant.reminder.title')}>
          {t('grant.reminder')}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={form.submitting}>
            {common('cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t('grant.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
