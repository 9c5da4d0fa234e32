import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages, rememberLanguage, type Language } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(value) => {
        rememberLanguage(value as Language);
        void i18n.changeLanguage(value);
      }}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}
