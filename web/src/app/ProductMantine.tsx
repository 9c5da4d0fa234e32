import { MantineProvider } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createProductTheme, cssVariablesResolver } from './theme';

/** Mantine with the product's theme, its built-in button names following the language. */
export function ProductMantine({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation('common');
  const theme = useMemo(
    () => createProductTheme({ close: t('close'), togglePassword: t('togglePassword') }),
    [t, i18n.language],
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}
