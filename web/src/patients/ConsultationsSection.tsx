import { Badge, Button, Group, Modal, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpace } from '../access/space-context';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { QueryState, useErrorMessage } from '../components/QueryState';
import { centsToInput, formatCents } from '../format/money';
import { formatCalendarDay } from '../format/dates';
import {
  consultationActions,
  consultationFields,
  consultationFormOf,
  consultationFormProblems,
  feeBody,
  feeFormProblems,
  limits,
  newConsultationForm,
  openConsultationBody,
  reviseConsultationBody,
  type ConsultationFormValues,
  type FeeFormValues,
} from './patient-rules';
import { usePractitionerNames } from './use-access';
import { LoadMore } from './LoadMore';
import { useConsultationFee, useConsultations, useDeleteConsultation, useOpenConsultation, useReviseConsultation } from './queries';
import { paymentMethods, type Consultation, type PatientRecord } from './types';
import { useAllows, useCabinetToday } from './use-access';
import { FailureAlert } from '../components/FailureAlert';

type Dialog =
  | { readonly kind: 'open' }
  | { readonly kind: 'edit' | 'complete' | 'correct' | 'delete'; readonly consultation: Consultation };

/** A record's consultations, newest first, and what I may do with each. */
export function ConsultationsSection({ patient, canOpen }: { patient: PatientRecord; canOpen: boolean }) {
  const { t, i18n } = useTranslation('patients');
  const consultations = useConsultations(patient.patientId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const headingId = useId();
  const close = () => setDialog(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3" id={headingId}>
          {t('consultations.title')}
        </Title>
        {canOpen && <Button onClick={() => setDialog({ kind: 'open' })}>{t('consultations.new')}</Button>}
      </Group>
      <QueryState query={consultations} isEmpty={({ items }) => items.length === 0} empty={t('consultations.empty')}>
        {({ items: list }) => (
          <Stack gap="sm">
            {list.map((consultation) => (
              <ConsultationCard key={consultation.consultationId} patient={patient} consultation={consultation} onAction={(kind) => setDialog({ kind, consultation })} />
            ))}
          </Stack>
        )}
      </QueryState>
      <LoadMore list={consultations} label={t('consultations.more')} />
      <ResponsiveModal
        opened={dialog?.kind === 'open' || dialog?.kind === 'edit'}
        title={dialog?.kind === 'edit' ? t('consultation.edit.title', { date: dayOf(dialog.consultation) }) : t('consultation.new.title')}
        onClose={close}
      >
        {dialog?.kind === 'open' && <OpenConsultationForm patient={patient} onDone={close} />}
        {dialog?.kind === 'edit' && <ReviseConsultationForm key={dialog.consultation.consultationId} patient={patient} consultation={dialog.consultation} onDone={close} />}
      </ResponsiveModal>
      <ResponsiveModal
        opened={dialog?.kind === 'complete' || dialog?.kind === 'correct'}
        title={dialog && dialog.kind !== 'open' ? t(dialog.kind === 'correct' ? 'fee.correct.title' : 'fee.complete.title', { date: dayOf(dialog.consultation) }) : ''}
        onClose={close}
      >
        {(dialog?.kind === 'complete' || dialog?.kind === 'correct') && (
          <FeeForm key={dialog.consultation.consultationId} mode={dialog.kind} patient={patient} consultation={dialog.consultation} onDone={close} />
        )}
      </ResponsiveModal>
      <ResponsiveModal
        opened={dialog?.kind === 'delete'}
        title={dialog?.kind === 'delete' ? t('consultation.delete.title', { date: dayOf(dialog.consultation), reason: dialog.consultation.reason }) : ''}
        onClose={close}
      >
        {dialog?.kind === 'delete' && <DeleteConsultation patient={patient} consultation={dialog.consultation} onDone={close} />}
      </ResponsiveModal>
    </Stack>
  );

  function dayOf(consultation: Consultation): string {
    return formatCalendarDay(consultation.date, i18n.language);
  }
}

function ResponsiveModal({ opened, title, onClose, children }: { opened: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation('patients');
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" fullScreen={phone} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {children}
    </Modal>
  );
}

function ConsultationCard({
  patient,
  consultation,
  onAction,
}: {
  patient: PatientRecord;
  consultation: Consultation;
  onAction: (kind: 'edit' | 'complete' | 'correct' | 'delete') => void;
}) {
  const { t, i18n } = useTranslation('patients');
  const { me } = useSpace();
  const allows = useAllows(patient.cabinetId);
  const names = usePractitionerNames(patient.cabinetId);
  const actions = consultationActions(consultation, me.accountId, allows);
  const headingId = useId();
  const completed = consultation.status === 'completed';
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {t('consultation.heading', { date: formatCalendarDay(consultation.date, i18n.language), reason: consultation.reason })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('consultation.practitioner', { name: names.get(consultation.practitionerId) ?? consultation.practitionerId })}
          </Text>
        </div>
        <Badge color={completed ? 'teal' : 'gray.7'} variant={completed ? 'filled' : 'outline'} style={{ flexShrink: 0 }}>
          {t(completed ? 'consultation.status.completed' : 'consultation.status.open')}
        </Badge>
      </Group>
      <Stack gap={4} mt="xs">
        <Note label={t('consultation.notes')} text={consultation.notes} />
        <Note label={t('consultation.examination')} text={consultation.examination} />
        <Note label={t('consultation.treatment')} text={consultation.treatment} />
        {completed && consultation.feeCents !== null && (
          <Text size="sm">
            {t('consultation.fee', {
              amount: formatCents(consultation.feeCents, i18n.language),
              method: consultation.paymentMethod ? t(`payment.${consultation.paymentMethod}`) : '—',
            })}
          </Text>
        )}
      </Stack>
      {(actions.edit || actions.complete || actions.correctFee || actions.delete) && (
        <Group gap="xs" mt="sm" wrap="wrap">
          {actions.complete && (
            <Button size="xs" onClick={() => onAction('complete')}>
              {t('consultation.complete')}
            </Button>
          )}
          {actions.edit && (
            <Button size="xs" variant="default" onClick={() => onAction('edit')}>
              {t('consultation.edit')}
            </Button>
          )}
          {actions.correctFee && (
            <Button size="xs" variant="default" onClick={() => onAction('correct')}>
              {t('consultation.correctFee')}
            </Button>
          )}
          {actions.delete && (
            <Button size="xs" variant="subtle" color="red" onClick={() => onAction('delete')}>
              {t('consultation.delete')}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}

function Note({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <div>
      <Text size="xs" c="dimmed" component="div">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Text>
    </div>
  );
}

/** The form's messages for the problems patient-rules finds. */
function useProblemMessages() {
  const { t } = useTranslation('patients');
  return (problems: Record<string, string | undefined>, maxOf: (field: string) => number) =>
    Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, t(`field.${problem}`, { max: maxOf(field) })]));
}

function FormFooter({ submitLabel, submitting, waiting, failure, onCancel }: { submitLabel: string; submitting: boolean; waiting: boolean; failure: string | null; onCancel: () => void }) {
  const { t } = useTranslation('patients');
  return (
    <>
      <FailureAlert message={failure} />
      {waiting && (
        <Text size="sm" role="status">
          {t('common:waitingForUpdate')}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={waiting}>
          {t('common:cancel')}
        </Button>
        <Button type="submit" loading={submitting}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}

function ConsultationFields({ form, today, full, dateFixed }: { form: ReturnType<typeof useConsultationForm>; today: string; full: boolean; dateFixed: boolean }) {
  const { t } = useTranslation('patients');
  return (
    <>
      <TextInput
        label={t('field.date')}
        type="date"
        required
        max={today}
        disabled={dateFixed}
        description={dateFixed ? t('field.date.fixed') : undefined}
        {...form.getInputProps('date')}
      />
      <TextInput label={t('field.reason')} required maxLength={limits.shortText} data-autofocus autoComplete="off" {...form.getInputProps('reason')} />
      <Textarea label={t('field.notes')} autosize minRows={3} maxRows={10} maxLength={limits.longText} {...form.getInputProps('notes')} />
      {full && (
        <>
          <Textarea label={t('field.examination')} autosize minRows={2} maxRows={10} maxLength={limits.longText} {...form.getInputProps('examination')} />
          <Textarea label={t('field.treatment')} autosize minRows={2} maxRows={10} maxLength={limits.longText} {...form.getInputProps('treatment')} />
        </>
      )}
    </>
  );
}

function useConsultationForm(initialValues: ConsultationFormValues, today: string) {
  const messages = useProblemMessages();
  return useForm<ConsultationFormValues>({
    initialValues,
    validate: (values) => messages(consultationFormProblems(values, today), (field) => (field === 'reason' ? limits.shortText : limits.longText)),
  });
}

function OpenConsultationForm({ patient, onDone }: { patient: PatientRecord; onDone: () => void }) {
  const { t } = useTranslation('patients');
  const errorMessage = useErrorMessage();
  const { today } = useCabinetToday(patient.cabinetId);
  const form = useConsultationForm(newConsultationForm(today), today);
  const open = useOpenConsultation(patient.patientId);
  const [failure, setFailure] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFailure(null);
        try {
          await open.mutateAsync({ body: openConsultationBody(values), onWritten: () => setWaiting(true) });
          notifySuccess(t('consultation.new.done'));
          onDone();
        } catch (error) {
          setWaiting(false);
          if (!applyApiFieldErrors(error, consultationFields, form.setFieldError, t('field.rejected'))) setFailure(errorMessage(error));
        }
      })}
    >
      <Stack>
        <ConsultationFields form={form} today={today} full={false} dateFixed={false} />
        <FormFooter submitLabel={t('consultation.new.submit')} submitting={form.submitting} waiting={waiting} failure={failure} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ReviseConsultationForm({ patient, consultation, onDone }: { patient: PatientRecord; consultation: Consultation; onDone: () => void }) {
  const { t } = useTranslation('patients');
  const errorMessage = useErrorMessage();
  const { today } = useCabinetToday(patient.cabinetId);
  const form = useConsultationForm(consultationFormOf(consultation), today);
  const revise = useReviseConsultation(patient.patientId, consultation.consultationId);
  const [failure, setFailure] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFailure(null);
        const body = reviseConsultationBody(values, consultation);
        if (Object.keys(body).length === 0) return onDone();
        try {
          await revise.mutateAsync({ body, values, onWritten: () => setWaiting(true) });
          notifySuccess(t('consultation.edit.done'));
          onDone();
        } catch (error) {
          setWaiting(false);
          if (!applyApiFieldErrors(error, consultationFields, form.setFieldError, t('field.rejected'))) setFailure(errorMessage(error));
        }
      })}
    >
      <Stack>
        <ConsultationFields form={form} today={today} full dateFixed={consultation.status === 'completed'} />
        <FormFooter submitLabel={t('common:save')} submitting={form.submitting} waiting={waiting} failure={failure} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function FeeForm({ mode, patient, consultation, onDone }: { mode: 'complete' | 'correct'; patient: PatientRecord; consultation: Consultation; onDone: () => void }) {
  const { t, i18n } = useTranslation('patients');
  const errorMessage = useErrorMessage();
  const messages = useProblemMessages();
  const save = useConsultationFee(patient.patientId, consultation.consultationId, mode);
  const [failure, setFailure] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const form = useForm<FeeFormValues>({
    initialValues: {
      fee: mode === 'correct' && consultation.feeCents !== null ? centsToInput(consultation.feeCents, i18n.language) : '',
      paymentMethod: mode === 'correct' && consultation.paymentMethod ? consultation.paymentMethod : '',
    },
    validate: (values) => messages(feeFormProblems(values), () => limits.feeCents / 100),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFailure(null);
        const body = feeBody(values);
        if (!body) return;
        try {
          await save.mutateAsync({ body, onWritten: () => setWaiting(true) });
          notifySuccess(t(mode === 'complete' ? 'fee.complete.done' : 'fee.correct.done'));
          onDone();
        } catch (error) {
          setWaiting(false);
          if (!applyApiFieldErrors(error, ['feeCents', 'paymentMethod'], (field, message) => form.setFieldError(field === 'feeCents' ? 'fee' : field, message), t('field.rejected'))) {
            setFailure(errorMessage(error));
          }
        }
      })}
    >
      <Stack>
        <Text size="sm">{t(mode === 'complete' ? 'fee.complete.body' : 'fee.correct.body')}</Text>
        <TextInput
          label={t('field.fee')}
          description={t('field.fee.hint')}
          required
          inputMode="decimal"
          autoComplete="off"
          data-autofocus
          rightSection={<span aria-hidden>€</span>}
          maxLength={16}
          {...form.getInputProps('fee')}
        />
        <Radio.Group label={t('field.paymentMethod')} required {...form.getInputProps('paymentMethod')}>
          <Stack gap="xs" mt="xs">
            {paymentMethods.map((method) => (
              <Radio key={method} value={method} label={t(`payment.${method}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <FormFooter
          submitLabel={t(mode === 'complete' ? 'fee.complete.submit' : 'fee.correct.submit')}
          submitting={form.submitting}
          waiting={waiting}
          failure={failure}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

function DeleteConsultation({ patient, consultation, onDone }: { patient: PatientRecord; consultation: Consultation; onDone: () => void }) {
  const { t } = useTranslation('patients');
  const errorMessage = useErrorMessage();
  const remove = useDeleteConsultation(patient.patientId, consultation.consultationId);
  const [failure, setFailure] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  return (
    <Stack>
      <Text size="sm">{t(consultation.status === 'completed' ? 'consultation.delete.bodyCompleted' : 'consultation.delete.body')}</Text>
      <FailureAlert message={failure} />
      {waiting && (
        <Text size="sm" role="status">
          {t('common:waitingForUpdate')}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} disabled={remove.isPending}>
          {t('common:cancel')}
        </Button>
        <Button
          color="red"
          loading={remove.isPending}
          onClick={() => {
            setFailure(null);
            remove.mutate(() => setWaiting(true), {
              onSuccess: () => {
                notifySuccess(t('consultation.delete.done'));
                onDone();
              },
              onError: (error) => {
                setWaiting(false);
                setFailure(errorMessage(error));
              },
            });
          }}
        >
          {t('consultation.delete.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
