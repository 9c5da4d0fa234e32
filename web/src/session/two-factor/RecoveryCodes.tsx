import { Alert, Button, Checkbox, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The ten recovery codes, shown this once (only their hashes are kept): to copy or download and
 * keep somewhere safe before going on.
 */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation('session');
  const [kept, setKept] = useState(false);
  const asText = `${codes.join('\n')}\n`;

  const download = () => {
    const url = URL.createObjectURL(new Blob([asText], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('twoFactor.recovery.fileName');
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Stack>
      <Alert color="teal" role="status">
        <Text size="sm" fw={700}>
          {t('twoFactor.recovery.enabled')}
        </Text>
        <Text size="sm">{t('twoFactor.recovery.hint')}</Text>
      </Alert>
      <List aria-label={t('twoFactor.recovery.listLabel')} listStyleType="none" spacing={2} ff="monospace" fz="sm" style={{ columns: 2 }}>
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group>
        <CopyButton value={asText}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {t(copied ? 'twoFactor.copied' : 'twoFactor.recovery.copy')}
            </Button>
          )}
        </CopyButton>
        <Button size="xs" variant="default" onClick={download}>
          {t('twoFactor.recovery.download')}
        </Button>
      </Group>
      <Checkbox label={t('twoFactor.recovery.kept')} checked={kept} onChange={(event) => setKept(event.currentTarget.checked)} />
      <Text size="xs" c="dimmed">
        {t('twoFactor.recovery.once')}
      </Text>
      <Button disabled={!kept} onClick={onDone}>
        {t('twoFactor.recovery.done')}
      </Button>
    </Stack>
  );
}
