import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { unwrap } from '../api/client';
import { useApi } from '../app/platform';
import { useErrorMessage } from '../components/QueryState';
import { PublicFrame } from './PublicFrame';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-rules';
import { FailureAlert } from '../components/FailureAlert';

/** Chooses a new password from the e-mailed link; every session of the account ends. */
export default function ResetPasswordPage() {
  const { t } = useTranslation('session');
  const api = useApi();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { newPassword: '', confirmation: '' },
    validate: {
      newPassword: (value) => {
        const problem = passwordProblem(value);
        return problem ? t(`field.password.${problem}`) : null;
      },
      confirmation: (value, values) => (value === values.newPassword ? null : t('field.password.mismatch')),
    },
  });
  return (
    <PublicFrame title={t('reset.title')}>
      {token === '' ? (
        <Alert color="red" role="alert">
          {t('errors:AUTH.RESET_TOKEN_INVALID')}
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit(async ({ newPassword }) => {
            setFailure(null);
            try {
              await unwrap(api.POST('/api/v1/auth/password-reset/confirm' as never, { body: { token, newPassword } } as never));
              void navigate('/connexion?notice=passwordReset', { replace: true });
            } catch (error) {
              setFailure(errorMessage(error));
            }
          })}
        >
          <Stack>
            <FailureAlert message={failure} />
            <PasswordInput
              label={t('field.newPassword')}
              description={t('field.password.rule')}
              autoComplete="new-password"
              required
              maxLength={PASSWORD_MAX_LENGTH}
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput label={t('field.confirmation')} autoComplete="new-password" required {...form.getInputProps('confirmation')} />
            <Button type="submit" loading={form.submitting}>
              {t('reset.submit')}
            </Button>
            <Anchor component={Link} to="/connexion" size="sm">
              {t('forgot.backToLogin')}
            </Anchor>
          </Stack>
        </form>
      )}
    </PublicFrame>
  );
}
