import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Calm and readable: one blue, dark enough (shade 8) for white text to meet WCAG AA contrast,
 * grey surfaces, a visible focus ring for keyboard users.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.3' },
    },
  },
  components: {
    Card: { defaultProps: { withBorder: true, shadow: 'none', radius: 'md', padding: 'lg' } },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    // Sentence case reads calmer than Mantine's default capitals.
    Badge: { defaultProps: { tt: 'none', radius: 'sm', size: 'md' } },
  },
});

/**
 * Mantine's "dimmed" grey (gray.6) is below 4.5:1 on white; gray.7 reads comfortably (WCAG AA).
 * The light variants' text (active navigation link, alerts, badges) and placeholders are darkened
 * for the same reason.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-green-light-color': 'var(--mantine-color-green-9)',
    '--mantine-color-orange-light-color': 'var(--mantine-color-orange-9)',
    '--mantine-color-yellow-light-color': 'var(--mantine-color-yellow-9)',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {},
});
