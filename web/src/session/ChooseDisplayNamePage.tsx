import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Me, meQueryKey } from '../access/queries';
import { unwrap } from '../api/client';
import { useApi, useSessionStore } from '../app/platform';
import { useErrorMessage } from '../components/QueryState';
import { FailureAlert } from '../components/FailureAlert';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { PublicFrame } from './PublicFrame';
import { DisplayNameInput } from './DisplayNameInput';
import { displayNameProblem } from './display-name-rules';

/**
 * A provisioned account goes by its address until its holder names themselves: at the first
 * login, once the password is their own, this comes before the rest (GET /me says so), so that
 * nobody appears in an owner's ledger or agenda as an e-mail address.
 */
export default function ChooseDisplayNamePage() {
  const { t } = useTranslation('session');
  const api = useApi();
  const session = useSessionStore();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { displayName: '' },
    validate: {
      displayName: (value) => {
        const problem = displayNameProblem(value);
        return problem && t(`field.displayName.${problem}`);
      },
    },
  });

  return (
    <PublicFrame title={t('chooseDisplayName.title')}>
      <form
        noValidate
        onSubmit={form.onSubmit(async ({ displayName }) => {
          setFailure(null);
          try {
            const chosen = displayName.trim();
            await unwrap(api.PUT('/api/v1/me/display-name', { body: { displayName: chosen } }));
            // Until then every other route refused this session's token (ACCOUNT.DISPLAY_NAME_REQUIRED).
            await session.renewAfterDisplayNameChoice();
            // Told at once, so that the way in does not send the person back here on a stale answer.
            queryClient.setQueryData<Me>(meQueryKey, (me) => me && { ...me, displayName: chosen, mustChooseDisplayName: false });
            void queryClient.invalidateQueries({ queryKey: meQueryKey });
            notifySuccess(t('chooseDisplayName.done'));
            void navigate('/', { replace: true });
          } catch (error) {
            if (!applyApiFieldErrors(error, ['displayName'], form.setFieldError, t('field.displayName.invalid'))) setFailure(errorMessage(error));
          }
        })}
      >
        <Stack>
          <Text size="sm">{t('chooseDisplayName.hint')}</Text>
          <FailureAlert message={failure} />
          <DisplayNameInput {...form.getInputProps('displayName')} />
          <Button type="submit" loading={form.submitting}>
            {t('chooseDisplayName.submit')}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={() => void session.logOut().then(() => navigate('/connexion'))}>
            {t('common:user.logout')}
          </Anchor>
        </Stack>
      </form>
    </PublicFrame>
  );
}
