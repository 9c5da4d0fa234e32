import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../access/queries';
import { unwrap } from '../api/client';
import { useApi, useSessionState, useSessionStore } from '../app/platform';
import { useErrorMessage } from '../components/QueryState';
import { notifySuccess } from '../components/notify';
import { PublicFrame } from './PublicFrame';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-rules';
import { FailureAlert } from '../components/FailureAlert';

/**
 * Changing the password. After a temporary password it comes before anything else (the API
 * refuses every other route until then); the sessions started before end, so the person is
 * signed in again with the new password.
 */
export default function ChangePasswordPage() {
  const { t } = useTranslation('session');
  const api = useApi();
  const session = useSessionStore();
  const state = useSessionState();
  const me = useMe();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const forced = state.status === 'authenticated' && state.mustChangePassword;
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmation: '' },
    validate: {
      currentPassword: (value) => (value.length > 0 ? null : t('field.password.required')),
      newPassword: (value, values) => {
        const problem = passwordProblem(value);
        if (problem) return t(`field.password.${problem}`);
        return value === values.currentPassword ? t('field.password.unchanged') : null;
      },
      confirmation: (value, values) => (value === values.newPassword ? null : t('field.password.mismatch')),
    },
  });

  return (
    <PublicFrame title={t(forced ? 'changePassword.forcedTitle' : 'changePassword.title')}>
      <form
        noValidate
        onSubmit={form.onSubmit(async ({ currentPassword, newPassword }) => {
          setFailure(null);
          try {
            await unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } }));
            const email = me.data?.email;
            if (email) await session.renewAfterPasswordChange(email, newPassword);
            else session.markPasswordChanged();
            notifySuccess(t('changePassword.done'));
            void navigate('/', { replace: true });
          } catch (error) {
            setFailure(errorMessage(error));
          }
        })}
      >
        <Stack>
          {forced && <Text size="sm">{t('changePassword.forcedHint')}</Text>}
          <FailureAlert message={failure} />
          <PasswordInput label={t('field.currentPassword')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordInput
            label={t('field.newPassword')}
            description={t('field.password.rule')}
            autoComplete="new-password"
            required
            maxLength={PASSWORD_MAX_LENGTH}
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput label={t('field.confirmation')} autoComplete="new-password" required {...form.getInputProps('confirmation')} />
          <Group justify="space-between">
            {!forced && (
              <Button variant="default" onClick={() => void navigate(-1)}>
                {t('common:cancel')}
              </Button>
            )}
            <Button type="submit" loading={form.submitting}>
              {t('changePassword.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </PublicFrame>
  );
}
