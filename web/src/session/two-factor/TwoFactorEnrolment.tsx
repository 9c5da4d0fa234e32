import { Button, Code, CopyButton, Group, Image, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FailureAlert } from '../../components/FailureAlert';
import { useErrorMessage } from '../../components/QueryState';
import { CODE_PATTERN } from './code-rules';
import { useConfirmTwoFactorEnrolment, useStartTwoFactorEnrolment } from './queries';
import { RecoveryCodes } from './RecoveryCodes';

type Step =
  | { readonly name: 'password' }
  | { readonly name: 'scan'; readonly secret: string; readonly otpauthUri: string }
  | { readonly name: 'recovery-codes'; readonly codes: readonly string[] };

/**
 * Enrolling an authenticator app: the password again, then the secret (a QR code, and the text
 * for typing by hand) confirmed by a first code, then the recovery codes, shown this once.
 */
export function TwoFactorEnrolment({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const [step, setStep] = useState<Step>({ name: 'password' });
  switch (step.name) {
    case 'password':
      return <PasswordStep onStarted={(secret, otpauthUri) => setStep({ name: 'scan', secret, otpauthUri })} onCancel={onCancel} />;
    case 'scan':
      return <ScanStep secret={step.secret} otpauthUri={step.otpauthUri} onEnabled={(codes) => setStep({ name: 'recovery-codes', codes })} onCancel={onCancel} />;
    case 'recovery-codes':
      return <RecoveryCodes codes={step.codes} onDone={onDone} />;
  }
}

function PasswordStep({ onStarted, onCancel }: { onStarted: (secret: string, otpauthUri: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation('session');
  const start = useStartTwoFactorEnrolment();
  const errorMessage = useErrorMessage();
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length === 0) {
      setFieldError(t('field.password.required'));
      return;
    }
    setFieldError(undefined);
    start.mutate(password, { onSuccess: ({ secret, otpauthUri }) => onStarted(secret, otpauthUri) });
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('twoFactor.enrol.passwordHint')}</Text>
        <FailureAlert message={start.error ? errorMessage(start.error) : null} />
        <PasswordInput
          label={t('field.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldError}
        />
        <StepActions onCancel={onCancel} submitting={start.isPending} submitLabel={t('twoFactor.enrol.continue')} />
      </Stack>
    </form>
  );
}

function ScanStep({
  secret,
  otpauthUri,
  onEnabled,
  onCancel,
}: {
  secret: string;
  otpauthUri: string;
  onEnabled: (codes: readonly string[]) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('session');
  const confirm = useConfirmTwoFactorEnrolment();
  const errorMessage = useErrorMessage();
  const qrCode = useQrCode(otpauthUri);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!CODE_PATTERN.test(code.trim())) {
      setFieldError(t('twoFactor.field.code.invalid'));
      return;
    }
    setFieldError(undefined);
    confirm.mutate(code.trim(), { onSuccess: ({ recoveryCodes }) => onEnabled(recoveryCodes) });
  };

  // Groups of four, as apps show secrets typed by hand.
  const readableSecret = secret.replace(/(.{4})(?=.)/g, '$1 ');
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('twoFactor.enrol.scanHint')}</Text>
        {qrCode ? (
          <Image src={qrCode} alt={t('twoFactor.enrol.qrCodeAlt')} w={200} h={200} fit="contain" mx="auto" />
        ) : (
          <div style={{ width: 200, height: 200, margin: '0 auto' }} role="status" aria-label={t('common:loading')} />
        )}
        <Stack gap={4}>
          <Text size="sm" id="two-factor-secret-label">
            {t('twoFactor.enrol.secretLabel')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code aria-labelledby="two-factor-secret-label" data-secret={secret} fz="sm">
              {readableSecret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="default" onClick={copy}>
                  {t(copied ? 'twoFactor.copied' : 'twoFactor.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
        <FailureAlert message={confirm.error ? errorMessage(confirm.error) : null} />
        <TextInput
          label={t('twoFactor.field.code')}
          description={t('twoFactor.enrol.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={fieldError}
        />
        <StepActions onCancel={onCancel} submitting={confirm.isPending} submitLabel={t('twoFactor.enrol.confirm')} />
      </Stack>
    </form>
  );
}

/** The QR code of the URI as an image, drawn here: the secret never goes to another server. */
function useQrCode(otpauthUri: string): string | null {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void import('qrcode')
      .then((qrcode) => qrcode.toDataURL(otpauthUri, { margin: 1, width: 200, errorCorrectionLevel: 'M' }))
      .then((url) => {
        if (current) setDataUrl(url);
      });
    return () => {
      current = false;
    };
  }, [otpauthUri]);
  return dataUrl;
}

/** Cancel (when the step can be left) on the left, the step's submit button on the right. */
function StepActions({ onCancel, submitting, submitLabel }: { onCancel?: () => void; submitting: boolean; submitLabel: string }) {
  const { t } = useTranslation('common');
  return (
    <Group justify="space-between">
      {onCancel ? (
        <Button variant="default" onClick={onCancel}>
          {t('cancel')}
        </Button>
      ) : (
        <span />
      )}
      <Button type="submit" loading={submitting}>
        {submitLabel}
      </Button>
    </Group>
  );
}
