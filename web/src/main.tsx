import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { createPlatform, PlatformProvider } from './app/platform';
import { createRouter } from './app/router';
import { cssVariablesResolver, theme } from './app/theme';
import { createI18n } from './i18n/i18n';

const platform = createPlatform();
const router = createRouter();
const i18n = await createI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <PlatformProvider platform={platform}>
          <RouterProvider router={router} />
        </PlatformProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
