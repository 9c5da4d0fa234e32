import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Teal for the product at shades dark enough for WCAG AA text contrast on white (teal.9 is
 * 4.9:1; Mantine's default shades 6–8 are below 4.5:1), and secondary text in gray.7 rather
 * than Mantine's lighter "dimmed".
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
});

export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': resolved.colors.gray[7],
    '--mantine-color-anchor': resolved.colors.teal[9],
    '--mantine-color-placeholder': resolved.colors.gray[7],
  },
  dark: {},
});
