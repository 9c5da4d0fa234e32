import { AppShell, Burger, Button, Center, Group, Loader, Menu, NavLink, Select, Text, UnstyledButton, Alert } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { SpaceProvider, useSpace } from '../access/space-context';
import type { Area, Space } from '../access/spaces';
import { useSessionStore } from '../app/platform';
import { useAccountLanguage } from '../session/account-language';
import { LanguageSwitch } from './LanguageSwitch';
import { areaPaths } from './area-paths';

/** The frame of every signed-in screen: who I am, my spaces, the areas I may use, and the screen. */
export default function AppLayout() {
  const { t } = useTranslation('common');
  return (
    <SpaceProvider
      fallback={(state, retry) =>
        state === 'loading' ? (
          <Center h="100vh" role="status">
            <Loader size="sm" aria-hidden />
            <Text ml="sm">{t('loading')}</Text>
          </Center>
        ) : (
          <Center h="100vh" p="md">
            <Alert color={state === 'error' ? 'red' : 'gray'} title={t(state === 'error' ? 'loadFailed' : 'noAccess.title')} role="alert" maw={480}>
              <Text size="sm" mb="sm">{t(state === 'error' ? 'loadFailedHint' : 'noAccess.body')}</Text>
              <Group>
                <Button size="xs" onClick={retry}>{t('retry')}</Button>
                <LogoutButton />
              </Group>
            </Alert>
          </Center>
        )
      }
    >
      <Frame />
    </SpaceProvider>
  );
}

function Frame() {
  const { t } = useTranslation('common');
  const [opened, { toggle, close }] = useDisclosure();
  const { areas } = useSpace();
  useAccountLanguage();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap" gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('menu.toggle')} />
            <Text fw={700} c="teal.9" component="span">
              {t('appName')}
            </Text>
            <SpaceSwitcher />
          </Group>
          <Group wrap="nowrap" gap="xs">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('menu.label')} component="nav">
        {areas.map((area) => (
          <AreaLink key={area} area={area} onNavigate={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense
          fallback={
            <Center py="xl" role="status">
              <Loader size="sm" aria-hidden />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function AreaLink({ area, onNavigate }: { area: Area; onNavigate: () => void }) {
  const { t } = useTranslation('common');
  const { pathname } = useLocation();
  const path = areaPaths[area];
  return <NavLink component={RouterLink} to={path} label={t(`area.${area}`)} active={pathname.startsWith(path)} variant="filled" onClick={onNavigate} />;
}

/** "Cabinet de Dr Martin — remplaçant": shown when the person works in more than one space. */
export function useSpaceLabel(): (space: Space) => string {
  const { t } = useTranslation('common');
  const { me, ownerName } = useSpace();
  return (space) =>
    space.ownerId === me.accountId
      ? t('space.own')
      : ownerName(space.ownerId) === undefined
        ? t('space.ofUnknown', { role: t(`role.${space.roles[0]}`) })
        : t('space.of', { owner: ownerName(space.ownerId), role: t(`role.${space.roles[0]}`) });
}

function SpaceSwitcher() {
  const { t } = useTranslation('common');
  const { spaces, space, chooseSpace } = useSpace();
  const label = useSpaceLabel();
  const navigate = useNavigate();
  if (spaces.length < 2) return <Text size="sm" c="dimmed" visibleFrom="sm">{label(space)}</Text>;
  return (
    <Select
      aria-label={t('space.switch')}
      data={spaces.map((candidate) => ({ value: candidate.ownerId, label: label(candidate) }))}
      value={space.ownerId}
      allowDeselect={false}
      onChange={(ownerId) => {
        if (!ownerId) return;
        chooseSpace(ownerId);
        void navigate('/');
      }}
      w={{ base: 180, sm: 320 }}
      size="sm"
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function UserMenu() {
  const { t } = useTranslation('common');
  const { me } = useSpace();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('user.menu', { name: me.displayName })}>
          <Text size="sm" fw={500} truncate maw={180}>
            {me.displayName}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item onClick={() => void navigate('/mon-nom')}>{t('user.changeDisplayName')}</Menu.Item>
        <Menu.Item onClick={() => void navigate('/mot-de-passe/changer')}>{t('user.changePassword')}</Menu.Item>
        <Menu.Item onClick={() => void navigate('/securite')}>{t('user.security')}</Menu.Item>
        <LogoutMenuItem />
      </Menu.Dropdown>
    </Menu>
  );
}

function LogoutMenuItem() {
  const { t } = useTranslation('common');
  const session = useSessionStore();
  const navigate = useNavigate();
  return (
    <Menu.Item color="red" onClick={() => void session.logOut().then(() => navigate('/connexion'))}>
      {t('user.logout')}
    </Menu.Item>
  );
}

function LogoutButton() {
  const { t } = useTranslation('common');
  const session = useSessionStore();
  const navigate = useNavigate();
  return (
    <Button size="xs" variant="default" onClick={() => void session.logOut().then(() => navigate('/connexion'))}>
      {t('user.logout')}
    </Button>
  );
}
