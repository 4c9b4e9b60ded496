/** The three Teams themes as Fluent UI themes. */
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';

export type ThemeName = 'light' | 'dark' | 'contrast';

export const THEME_NAMES: readonly ThemeName[] = ['light', 'dark', 'contrast'];

export const THEME_LABELS: Readonly<Record<ThemeName, string>> = {
  light: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
};

export const FLUENT_THEMES: Readonly<Record<ThemeName, Theme>> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** Teams calls its light theme `default`. */
export const fromTeamsTheme = (teams: 'default' | 'dark' | 'contrast'): ThemeName => (teams === 'default' ? 'light' : teams);

export const isThemeName = (value: unknown): value is ThemeName => THEME_NAMES.includes(value as ThemeName);
