import { Alert, Button, Group, Loader, Modal, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { useErrorMessage } from '../components/QueryState';
import { formatCalendarDay } from '../format/dates';
import { useCalendarLabels } from './calendar-labels';
import { entryKinds, paymentMethods } from './ledger-display';
import type { LedgerContext } from './LedgerPage';
import { formFieldOfApiField, manualEntryBody, manualEntryErrors, MAX_LABEL_LENGTH, type ManualEntryBody, type ManualEntryValues } from './manual-entry';
import { isWithin, parseTypedDay } from './period';
import { useRecordManualEntry, type LedgerFilters } from './queries';

export interface NewEntry {
  /** Resolves once the line is listed (or the wait is over); rejects with the API's refusal. */
  readonly submit: (body: ManualEntryBody, onWritten: () => void) => Promise<void>;
  /** Shown on the page while the saved line is on its way to the listing. */
  readonly status: ReactNode;
}

/** Writing a manual line, then saying so while the listing catches up with it. */
export function useNewEntry(context: LedgerContext, filters: LedgerFilters | null, closeModal: () => void): NewEntry {
  const { t, i18n } = useTranslation('ledger');
  const [waiting, setWaiting] = useState(false);
  const written = useRef<() => void>(() => undefined);
  const record = useRecordManualEntry(context.holderId, () => {
    setWaiting(true);
    written.current();
    closeModal();
  });
  return {
    submit: async (body, onWritten) => {
      written.current = onWritten;
      try {
        const result = await record.mutateAsync(body);
        const shownHere = filters !== null && isWithin(body.date, filters) && (filters.cabinetId === null || filters.cabinetId === body.cabinetId);
        if (!result.shown) notifySuccess(t('entry.savedNotListedYet'));
        else if (shownHere) notifySuccess(t('entry.saved'));
        else notifySuccess(t('entry.savedElsewhere', { date: formatCalendarDay(body.date, i18n.language), cabinet: context.cabinetName(body.cabinetId) ?? '' }));
      } finally {
        setWaiting(false);
      }
    },
    status: waiting ? (
      <Alert color="teal" variant="light" role="status">
        <Group gap="xs">
          <Loader size="xs" aria-hidden />
          <Text size="sm">{t('entry.waiting')}</Text>
        </Group>
      </Alert>
    ) : null,
  };
}

/** Mantine's error red (red.6) is below 4.5:1 on white; messages under fields use red.9. */
export const readableErrors = { '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties;

const apiFields = ['kind', 'cabinetId', 'date', 'label', 'amountCents', 'paymentMethod'];

/** "Nouvelle écriture": a manual income or expense in the caller's own ledger, checked before it is sent. */
export function NewEntryModal({ opened, onClose, context, newEntry, cabinetShown }: { opened: boolean; onClose: () => void; context: LedgerContext; newEntry: NewEntry; cabinetShown: string | null }) {
  const { t } = useTranslation('ledger');
  const { t: common } = useTranslation('common');
  const errorMessage = useErrorMessage();
  const calendar = useCalendarLabels();
  const [failure, setFailure] = useState<string | null>(null);
  const writableIds = context.writableCabinets.map((cabinet) => cabinet.cabinetId);
  const initialValues: ManualEntryValues = {
    kind: 'income',
    cabinetId: writableIds.length === 1 ? writableIds[0] : '',
    date: context.today,
    label: '',
    amount: '',
    paymentMethod: '',
  };
  const form = useForm<ManualEntryValues>({
    initialValues,
    validate: (values) => Object.fromEntries(Object.entries(manualEntryErrors(values, writableIds)).map(([field, key]) => [field, t(key, { max: MAX_LABEL_LENGTH })])),
  });

  // Opened while one cabinet is shown: the line is most likely for that one.
  useEffect(() => {
    if (opened && form.getValues().cabinetId === '' && cabinetShown !== null && writableIds.includes(cabinetShown)) form.setFieldValue('cabinetId', cabinetShown);
  }, [opened]);

  return (
    <Modal opened={opened} onClose={onClose} title={t('entry.title')} size="lg" closeButtonProps={{ 'aria-label': common('close') }} styles={{ content: readableErrors }}>
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          setFailure(null);
          try {
            await newEntry.submit(manualEntryBody(values), () => form.setValues(initialValues));
          } catch (error) {
            const shown = applyApiFieldErrors(error, apiFields, (field, message) => form.setFieldError(formFieldOfApiField(field) ?? field, message), errorMessage(error));
            if (!shown) setFailure(errorMessage(error));
          }
        })}
      >
        <Stack gap="sm">
          {failure && (
            <Alert color="red" role="alert" title={t('entry.refused')}>
              {failure}
            </Alert>
          )}
          <Radio.Group label={t('entry.kind')} withAsterisk {...form.getInputProps('kind')}>
            <Group mt={4} gap="lg">
              {entryKinds.map((kind) => (
                <Radio key={kind} value={kind} label={t(`kind.${kind}`)} />
              ))}
            </Group>
          </Radio.Group>
          <NativeSelect
            label={t('entry.cabinet')}
            withAsterisk
            data={[...(writableIds.length > 1 ? [{ value: '', label: t('entry.chooseCabinet'), disabled: true }] : []), ...context.writableCabinets.map((cabinet) => ({ value: cabinet.cabinetId, label: cabinet.name }))]}
            {...form.getInputProps('cabinetId')}
          />
          <Group grow align="flex-start">
            <DateInput
              label={t('entry.date')}
              withAsterisk
              valueFormat="DD/MM/YYYY"
              dateParser={parseTypedDay}
              placeholder={t('filters.datePlaceholder')}
              popoverProps={{ withinPortal: true }}
              {...calendar}
              {...form.getInputProps('date')}
              onChange={(day) => form.setFieldValue('date', day ?? '')}
            />
            <TextInput label={t('entry.amount')} withAsterisk inputMode="decimal" autoComplete="off" rightSection={<Text size="sm" c="dimmed" aria-hidden>€</Text>} description={t('entry.amountHint')} {...form.getInputProps('amount')} />
          </Group>
          <TextInput label={t('entry.label')} withAsterisk autoComplete="off" description={t('entry.labelHint', { max: MAX_LABEL_LENGTH })} {...form.getInputProps('label')} />
          <NativeSelect
            label={t('entry.paymentMethod')}
            withAsterisk
            data={[{ value: '', label: t('entry.choosePaymentMethod'), disabled: true }, ...paymentMethods.map((method) => ({ value: method, label: t(`payment.${method}`) }))]}
            {...form.getInputProps('paymentMethod')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} type="button">
              {common('cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('entry.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
