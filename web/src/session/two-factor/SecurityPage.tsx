import { Badge, Button, Card, Group, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../access/queries';
import { DialogModal } from '../../components/DialogModal';
import { FailureAlert } from '../../components/FailureAlert';
import { QueryState, useErrorMessage } from '../../components/QueryState';
import { notifySuccess } from '../../components/notify';
import { CODE_PATTERN, RECOVERY_CODE_PATTERN } from './code-rules';
import { useDisableTwoFactor, useSetTeamTwoFactorRequirement, useTwoFactorStatus } from './queries';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';

/** "Sécurité": my two-factor sign-in, and, for an owner, the requirement for everyone in my cabinets. */
export default function SecurityPage() {
  const { t } = useTranslation('session');
  const status = useTwoFactorStatus();
  const me = useMe();
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t('security.title')}
      </Title>
      <QueryState query={status}>
        {(current) => (
          <>
            <MyTwoFactor enabled={current.enabled} unusedRecoveryCodes={current.unusedRecoveryCodes} requiredByCabinet={current.requiredByCabinet} />
            {me.data?.kind === 'main' && <TeamRequirement required={current.requiredForTeam} />}
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function MyTwoFactor({ enabled, unusedRecoveryCodes, requiredByCabinet }: { enabled: boolean; unusedRecoveryCodes: number; requiredByCabinet: boolean }) {
  const { t } = useTranslation('session');
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="my-two-factor">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="my-two-factor">
            {t('security.twoFactor.title')}
          </Title>
          <Badge color={enabled ? 'teal.9' : 'gray.7'} variant="filled">
            {t(enabled ? 'security.twoFactor.on' : 'security.twoFactor.off')}
          </Badge>
        </Group>
        <Text size="sm">{t('security.twoFactor.explain')}</Text>
        {enabled && <Text size="sm">{t('security.twoFactor.recoveryLeft', { count: unusedRecoveryCodes })}</Text>}
        {requiredByCabinet && <Text size="sm">{t('security.twoFactor.requiredByCabinet')}</Text>}
        {enrolling ? (
          <TwoFactorEnrolment
            onCancel={() => setEnrolling(false)}
            onDone={() => {
              setEnrolling(false);
              notifySuccess(t('security.twoFactor.enabledNotice'));
            }}
          />
        ) : (
          <Group>
            {!enabled && <Button onClick={() => setEnrolling(true)}>{t('security.twoFactor.enable')}</Button>}
            {enabled && !requiredByCabinet && (
              <Button variant="default" color="red" onClick={() => setDisabling(true)}>
                {t('security.twoFactor.disable')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <DisableTwoFactorModal opened={disabling} onClose={() => setDisabling(false)} />
    </Card>
  );
}

function DisableTwoFactorModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('session');
  const disable = useDisableTwoFactor();
  const errorMessage = useErrorMessage();
  const [proof, setProof] = useState<'code' | 'recoveryCode'>('code');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; code?: string }>({});

  const close = () => {
    setPassword('');
    setCode('');
    setErrors({});
    disable.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    const problems = {
      password: password.length > 0 ? undefined : t('field.password.required'),
      code: (proof === 'code' ? CODE_PATTERN : RECOVERY_CODE_PATTERN).test(typed)
        ? undefined
        : t(proof === 'code' ? 'twoFactor.field.code.invalid' : 'twoFactor.field.recoveryCode.invalid'),
    };
    setErrors(problems);
    if (problems.password || problems.code) return;
    disable.mutate(proof === 'code' ? { password, code: typed } : { password, recoveryCode: typed }, {
      onSuccess: () => {
        notifySuccess(t('security.twoFactor.disabledNotice'));
        close();
      },
    });
  };

  return (
    <DialogModal opened={opened} onClose={close} title={t('security.twoFactor.disableTitle')}>
      <form noValidate onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('security.twoFactor.disableHint')}</Text>
          <FailureAlert message={disable.error ? errorMessage(disable.error) : null} />
          <PasswordInput label={t('field.password')} autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={errors.password} />
          <SegmentedControl
            aria-label={t('security.twoFactor.proof')}
            value={proof}
            onChange={(value) => {
              setProof(value as 'code' | 'recoveryCode');
              setCode('');
            }}
            data={[
              { value: 'code', label: t('twoFactor.field.code') },
              { value: 'recoveryCode', label: t('twoFactor.field.recoveryCode') },
            ]}
          />
          <TextInput
            label={t(proof === 'code' ? 'twoFactor.field.code' : 'twoFactor.field.recoveryCode')}
            inputMode={proof === 'code' ? 'numeric' : 'text'}
            autoComplete={proof === 'code' ? 'one-time-code' : 'off'}
            required
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={errors.code}
          />
          <Group justify="space-between">
            <Button variant="default" onClick={close}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" color="red" loading={disable.isPending}>
              {t('security.twoFactor.disable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </DialogModal>
  );
}

/** The owner's switch: asks everyone working in my cabinets to enrol at their next sign-in. */
function TeamRequirement({ required }: { required: boolean }) {
  const { t } = useTranslation('session');
  const setRequirement = useSetTeamTwoFactorRequirement();
  const errorMessage = useErrorMessage();
  return (
    <Card withBorder component="section" aria-labelledby="team-two-factor">
      <Stack>
        <Title order={2} size="h4" id="team-two-factor">
          {t('security.team.title')}
        </Title>
        <FailureAlert message={setRequirement.error ? errorMessage(setRequirement.error) : null} />
        <Switch
          label={t('security.team.switch')}
          description={t('security.team.explain')}
          checked={required}
          disabled={setRequirement.isPending}
          onChange={(event) => {
            const next = event.currentTarget.checked;
            setRequirement.mutate(next, { onSuccess: () => notifySuccess(t(next ? 'security.team.onNotice' : 'security.team.offNotice')) });
          }}
        />
      </Stack>
    </Card>
  );
}
