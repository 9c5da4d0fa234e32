import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Me, meQueryKey, useMe } from '../access/queries';
import { unwrap } from '../api/client';
import { useApi } from '../app/platform';
import { FailureAlert } from '../components/FailureAlert';
import { QueryState, useErrorMessage } from '../components/QueryState';
import { applyApiFieldErrors } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { DisplayNameInput } from './DisplayNameInput';
import { displayNameProblem } from './display-name-rules';

/**
 * "Mon nom" (Mon compte): the name I appear by in the agendas, ledgers and lists of the cabinets
 * I work in, chosen at the first login of a provisioned account or at registration, changed here.
 */
export default function ChangeDisplayNamePage() {
  const { t } = useTranslation('session');
  const me = useMe();
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t('changeDisplayName.title')}
      </Title>
      <QueryState query={me}>{(current) => <DisplayNameForm current={current.displayName} />}</QueryState>
    </Stack>
  );
}

function DisplayNameForm({ current }: { current: string }) {
  const { t } = useTranslation('session');
  const api = useApi();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { displayName: current },
    validate: {
      displayName: (value) => {
        const problem = displayNameProblem(value);
        return problem && t(`field.displayName.${problem}`);
      },
    },
  });
  return (
    <Card withBorder component="section">
      <form
        noValidate
        onSubmit={form.onSubmit(async ({ displayName }) => {
          setFailure(null);
          try {
            const chosen = displayName.trim();
            await unwrap(api.PUT('/api/v1/me/display-name', { body: { displayName: chosen } }));
            // The menu shows it at once; other services' lists follow within a moment.
            queryClient.setQueryData<Me>(meQueryKey, (me) => me && { ...me, displayName: chosen });
            void queryClient.invalidateQueries({ queryKey: meQueryKey });
            form.resetDirty({ displayName: chosen });
            notifySuccess(t('changeDisplayName.done'));
          } catch (error) {
            if (!applyApiFieldErrors(error, ['displayName'], form.setFieldError, t('field.displayName.invalid'))) setFailure(errorMessage(error));
          }
        })}
      >
        <Stack>
          <Text size="sm">{t('changeDisplayName.hint')}</Text>
          <FailureAlert message={failure} />
          <DisplayNameInput {...form.getInputProps('displayName')} />
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()} style={{ alignSelf: 'flex-start' }}>
            {t('changeDisplayName.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
