import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap } from '../api/client';
import { useApi } from '../app/platform';
import { useErrorMessage } from '../components/QueryState';
import { PublicFrame } from './PublicFrame';
import { EMAIL_PATTERN } from './password-rules';
import { FailureAlert } from '../components/FailureAlert';

/** Asks for a reset link; the answer is the same whether an account exists or not. */
export default function ForgotPasswordPage() {
  const { t, i18n } = useTranslation('session');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (value) => (EMAIL_PATTERN.test(value.trim()) ? null : t('field.email.invalid')) },
  });
  return (
    <PublicFrame title={t('forgot.title')}>
      {sent ? (
        <Stack>
          <Alert color="teal" role="status">
            {t('forgot.sent')}
          </Alert>
          <Anchor component={Link} to="/connexion">
            {t('forgot.backToLogin')}
          </Anchor>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit(async ({ email }) => {
            setFailure(null);
            try {
              const body = { email: email.trim(), language: i18n.language === 'en' ? 'en' : 'fr' };
              await unwrap(api.POST('/api/v1/auth/password-reset' as never, { body } as never));
              setSent(true);
            } catch (error) {
              setFailure(errorMessage(error));
            }
          })}
        >
          <Stack>
            <FailureAlert message={failure} />
            <TextInput label={t('field.email')} description={t('forgot.hint')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={form.submitting}>
              {t('forgot.submit')}
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
