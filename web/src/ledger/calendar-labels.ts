import { useTranslation } from 'react-i18next';

/** Names for the buttons of a date field's calendar (the dropdown must be usable without sight too). */
export function useCalendarLabels() {
  const { t } = useTranslation('ledger');
  return {
    ariaLabels: {
      monthLevelControl: t('calendar.chooseMonth'),
      yearLevelControl: t('calendar.chooseYear'),
      nextMonth: t('calendar.nextMonth'),
      previousMonth: t('calendar.previousMonth'),
      nextYear: t('calendar.nextYear'),
      previousYear: t('calendar.previousYear'),
      nextDecade: t('calendar.nextDecade'),
      previousDecade: t('calendar.previousDecade'),
    },
  };
}
