import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { unwrap } from '../api/client';
import { useApi, useSessionStore } from '../app/platform';
import { applyApiFieldErrors } from '../components/form-errors';
import { useErrorMessage } from '../components/QueryState';
import { PublicFrame } from './PublicFrame';
import { EMAIL_PATTERN, PASSWORD_MAX_LENGTH, passwordProblem } from './password-rules';
import { FailureAlert } from '../components/FailureAlert';

export default function RegisterPage() {
  const { t } = useTranslation('session');
  const api = useApi();
  const session = useSessionStore();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { displayName: '', email: '', password: '' },
    validate: {
      displayName: (value) => (value.trim().length === 0 ? t('field.displayName.required') : value.trim().length > 120 ? t('field.displayName.tooLong') : null),
      email: (value) => (EMAIL_PATTERN.test(value.trim()) ? null : t('field.email.invalid')),
      password: (value) => {
        const problem = passwordProblem(value);
        return problem ? t(`field.password.${problem}`) : null;
      },
    },
  });

  return (
    <PublicFrame title={t('register.title')}>
      <form
        noValidate
        onSubmit={form.onSubmit(async ({ displayName, email, password }) => {
          setFailure(null);
          try {
            await unwrap(api.POST('/api/v1/auth/register', { body: { displayName: displayName.trim(), email: email.trim(), password } }));
            await session.logIn(email.trim(), password);
            void navigate('/', { replace: true });
          } catch (error) {
            if (!applyApiFieldErrors(error, ['displayName', 'email', 'password'], form.setFieldError, t('field.invalid'))) setFailure(errorMessage(error));
          }
        })}
      >
        <Stack>
          <FailureAlert message={failure} />
          <TextInput label={t('field.displayName')} description={t('field.displayName.hint')} autoComplete="name" required maxLength={120} {...form.getInputProps('displayName')} />
          <TextInput label={t('field.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput
            label={t('field.newPassword')}
            description={t('field.password.rule')}
            autoComplete="new-password"
            required
            maxLength={PASSWORD_MAX_LENGTH}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={form.submitting}>
            {t('register.submit')}
          </Button>
          <Text size="sm">
            {t('register.haveAccount')}{' '}
            <Anchor component={Link} to="/connexion">
              {t('register.login')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </PublicFrame>
  );
}
