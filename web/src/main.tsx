import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { createPlatform, PlatformProvider } from './app/platform';
import { AppRoutes } from './app/router';
import { ProductMantine } from './app/ProductMantine';
import { createI18n } from './i18n/i18n';

const platform = createPlatform();
const i18n = await createI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ProductMantine>
        <PlatformProvider platform={platform}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </PlatformProvider>
      </ProductMantine>
    </I18nextProvider>
  </StrictMode>,
);
