import { Anchor, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../layout/LanguageSwitch';

/** The frame of the screens before signing in: the product's name, the form, the language. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <Center mih="100vh" p="md" component="main">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="space-between">
          <Text fw={700} size="lg" c="teal.9">
            {t('appName')}
          </Text>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Title order={1} size="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}

export { Anchor };
