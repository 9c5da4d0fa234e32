import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSessionStore } from '../app/platform';
import { useErrorMessage } from '../components/QueryState';
import { PublicFrame } from './PublicFrame';
import { EMAIL_PATTERN } from './password-rules';
import { FailureAlert } from '../components/FailureAlert';

// Only accounts with two-factor sign-in see it: its own chunk, out of the login page's JavaScript.
const TwoFactorLoginStep = lazy(() => import('./two-factor/TwoFactorLoginStep'));

export default function LoginPage() {
  const { t } = useTranslation('session');
  const session = useSessionStore();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  // Two fields: plain state, so the first page anyone sees does not load a form library.
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [submitting, setSubmitting] = useState(false);
  const notice = params.get('notice');
  const [challengeToken, setChallengeToken] = useState<string | null>(null);

  const goOn = () => {
    const next = params.get('next');
    void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      email: EMAIL_PATTERN.test(email.trim()) ? undefined : t('field.email.invalid'),
      password: password.length > 0 ? undefined : t('field.password.required'),
    };
    setFieldErrors(problems);
    if (problems.email || problems.password) return;
    setFailure(null);
    setSubmitting(true);
    try {
      const outcome = await session.logIn(email.trim(), password);
      if (outcome.status === 'two-factor') setChallengeToken(outcome.challengeToken);
      else goOn();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  if (challengeToken !== null) {
    return (
      <PublicFrame title={t('twoFactor.login.title')}>
        <Suspense fallback={null}>
          <TwoFactorLoginStep
            challengeToken={challengeToken}
            onSignedIn={goOn}
            onRestart={() => {
              setChallengeToken(null);
              setPassword('');
            }}
          />
        </Suspense>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title={t('login.title')}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack>
          {notice && (
            <Alert color="teal" role="status">
              {t(`notice.${notice}`)}
            </Alert>
          )}
          <FailureAlert message={failure} />
          <TextInput
            label={t('field.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
          />
          <PasswordInput
            label={t('field.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldErrors.password}
          />
          <Button type="submit" loading={submitting}>
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
