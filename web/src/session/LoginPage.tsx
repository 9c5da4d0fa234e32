import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSessionStore } from '../app/platform';
import { useErrorMessage } from '../components/QueryState';
import { PublicFrame } from './PublicFrame';
import { EMAIL_PATTERN } from './password-rules';

export default function LoginPage() {
  const { t } = useTranslation('session');
  const session = useSessionStore();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (EMAIL_PATTERN.test(value.trim()) ? null : t('field.email.invalid')),
      password: (value) => (value.length > 0 ? null : t('field.password.required')),
    },
  });
  const notice = params.get('notice');

  return (
    <PublicFrame title={t('login.title')}>
      <form
        noValidate
        onSubmit={form.onSubmit(async ({ email, password }) => {
          setFailure(null);
          try {
            await session.logIn(email.trim(), password);
            const next = params.get('next');
            void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
          } catch (error) {
            setFailure(errorMessage(error));
          }
        })}
      >
        <Stack>
          {notice && (
            <Alert color="teal" role="status">
              {t(`notice.${notice}`)}
            </Alert>
          )}
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <TextInput label={t('field.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordInput label={t('field.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" loading={form.submitting}>
            {t('login.submit')}
          </Button>
          <Group justify="space-between">
            <Anchor component={Link} to="/mot-de-passe/oublie" size="sm">
              {t('login.forgot')}
            </Anchor>
            <Anchor component={Link} to="/inscription" size="sm">
              {t('login.register')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    </PublicFrame>
  );
}
