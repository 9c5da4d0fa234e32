import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DISPLAY_NAME_MAX_LENGTH } from './display-name-rules';

/** The name field of both the first-login choice and *Changer mon nom*: one label, one hint, one limit. */
export function DisplayNameInput(props: TextInputProps) {
  const { t } = useTranslation('session');
  return (
    <TextInput
      label={t('field.displayName')}
      description={t('chooseDisplayName.fieldHint')}
      autoComplete="name"
      required
      maxLength={DISPLAY_NAME_MAX_LENGTH}
      {...props}
    />
  );
}
