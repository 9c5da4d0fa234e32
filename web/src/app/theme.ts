import { createTheme } from '@mantine/core';

/** Teal for the product, with text colours dark enough for WCAG AA contrast on white. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
});
