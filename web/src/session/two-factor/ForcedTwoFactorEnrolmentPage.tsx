import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSessionStore } from '../../app/platform';
import { PublicFrame } from '../PublicFrame';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';

/**
 * An owner this account works for requires two-factor sign-in: enrolment comes before anything
 * else (the API refuses every other route until then), then a refreshed session opens the rest.
 */
export default function ForcedTwoFactorEnrolmentPage() {
  const { t } = useTranslation('session');
  const session = useSessionStore();
  const navigate = useNavigate();
  const finish = async () => {
    await session.renewAfterTwoFactorEnrolment();
    void navigate('/', { replace: true });
  };
  return (
    <PublicFrame title={t('twoFactor.forced.title')}>
      <Stack>
        <Text size="sm">{t('twoFactor.forced.hint')}</Text>
        <TwoFactorEnrolment onDone={() => void finish()} />
        <Anchor component="button" type="button" size="sm" onClick={() => void session.logOut().then(() => navigate('/connexion'))}>
          {t('common:user.logout')}
        </Anchor>
      </Stack>
    </PublicFrame>
  );
}
