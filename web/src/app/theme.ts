import { createTheme, type CSSVariablesResolver, type MantineThemeOverride } from '@mantine/core';

/**
 * Teal for the product at shades dark enough for WCAG AA text contrast on white (teal.9 is
 * 4.9:1; Mantine's default shades 6–8 are below 4.5:1), secondary text in gray.7 rather than
 * Mantine's lighter "dimmed", errors in red.9. The icon-only buttons Mantine draws itself (a
 * dialog's or a notification's close, the password's show/hide) get names in the reader's language.
 */
export function createProductTheme(labels: { readonly close: string; readonly togglePassword: string }): MantineThemeOverride {
  return createTheme({
    primaryColor: 'teal',
    primaryShade: 9,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    defaultRadius: 'sm',
    // Plain objects rather than Component.extend(): importing the components here would put the
    // dialog's focus trap and positioning code on the login page's path.
    components: {
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': labels.close } } },
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': labels.close } } },
      PasswordInput: { defaultProps: { visibilityToggleButtonProps: { 'aria-label': labels.togglePassword } } },
    },
  });
}

export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': resolved.colors.gray[7],
    '--mantine-color-anchor': resolved.colors.teal[9],
    '--mantine-color-placeholder': resolved.colors.gray[7],
    '--mantine-color-error': resolved.colors.red[9],
  },
  dark: {},
});
