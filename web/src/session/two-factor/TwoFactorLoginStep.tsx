import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../app/platform';
import { FailureAlert } from '../../components/FailureAlert';
import { useErrorMessage } from '../../components/QueryState';
import { CODE_PATTERN, RECOVERY_CODE_PATTERN } from './code-rules';

/**
 * The login's second step on an account with two-factor sign-in: the code the app shows, or one
 * of the recovery codes. Plain state, like the login form: no form library on this path.
 */
export default function TwoFactorLoginStep({
  challengeToken,
  onSignedIn,
  onRestart,
}: {
  challengeToken: string;
  onSignedIn: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation('session');
  const session = useSessionStore();
  const errorMessage = useErrorMessage();
  const [withRecoveryCode, setWithRecoveryCode] = useState(false);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = value.trim();
    const valid = withRecoveryCode ? RECOVERY_CODE_PATTERN.test(typed) : CODE_PATTERN.test(typed);
    setFieldError(valid ? undefined : t(withRecoveryCode ? 'twoFactor.field.recoveryCode.invalid' : 'twoFactor.field.code.invalid'));
    if (!valid) return;
    setFailure(null);
    setSubmitting(true);
    try {
      await session.completeTwoFactorLogIn(challengeToken, withRecoveryCode ? { recoveryCode: typed } : { code: typed });
      onSignedIn();
    } catch (error) {
      setFailure(errorMessage(error));
      setSubmitting(false);
    }
  };

  const switchProof = () => {
    setWithRecoveryCode((current) => !current);
    setValue('');
    setFieldError(undefined);
    setFailure(null);
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack>
        <Text size="sm">{t(withRecoveryCode ? 'twoFactor.login.recoveryHint' : 'twoFactor.login.hint')}</Text>
        <FailureAlert message={failure} />
        {withRecoveryCode ? (
          <TextInput
            key="recovery"
            label={t('twoFactor.field.recoveryCode')}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            required
            data-autofocus
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            error={fieldError}
          />
        ) : (
          <TextInput
            key="code"
            label={t('twoFactor.field.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            data-autofocus
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            error={fieldError}
          />
        )}
        <Button type="submit" loading={submitting}>
          {t('twoFactor.login.submit')}
        </Button>
        <Group justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={switchProof}>
            {t(withRecoveryCode ? 'twoFactor.login.useCode' : 'twoFactor.login.useRecoveryCode')}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={onRestart}>
            {t('twoFactor.login.restart')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
