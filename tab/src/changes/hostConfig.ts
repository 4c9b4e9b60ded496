/**
 * The Adaptive Cards host config of Microsoft Teams, so the composer preview lays a card out
 * as Teams does: Teams' published font sizes, weights, spacing and fact-set widths (from the
 * Teams host configs of the Adaptive Cards designer).
 *
 * Colours are Fluent tokens (CSS variables) rather than hex values. The tab runs inside
 * `teamsLightTheme`, `teamsDarkTheme` or `teamsHighContrastTheme`, so the variables resolve
 * to the palette Teams itself uses in the current theme, and the preview follows a theme
 * switch without being rendered again. The renderer passes colours through unchanged when
 * they are not `#AARRGGBB`.
 */
import { tokens } from '@fluentui/react-components';

type Palette = Readonly<Record<'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention', { readonly default: string; readonly subtle: string }>>;

const foreground: Palette = {
  default: { default: tokens.colorNeutralForeground1, subtle: tokens.colorNeutralForeground3 },
  dark: { default: tokens.colorNeutralForeground1, subtle: tokens.colorNeutralForeground2 },
  light: { default: tokens.colorNeutralForegroundInverted, subtle: tokens.colorNeutralForegroundInverted2 },
  accent: { default: tokens.colorBrandForeground1, subtle: tokens.colorBrandForeground2 },
  good: { default: tokens.colorStatusSuccessForeground1, subtle: tokens.colorStatusSuccessForeground3 },
  warning: { default: tokens.colorStatusWarningForeground2, subtle: tokens.colorStatusWarningForeground3 },
  attention: { default: tokens.colorStatusDangerForeground1, subtle: tokens.colorStatusDangerForeground3 },
};

const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: foreground });

/** The host config as JSON, for `new HostConfig(...)`. */
export function teamsHostConfig() {
  return {
    supportsInteractivity: true,
    fontFamily: tokens.fontFamilyBase,
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: tokens.colorNeutralStroke2 },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
    lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: style(tokens.colorNeutralBackground1),
      emphasis: style(tokens.colorNeutralBackground3),
      accent: style(tokens.colorBrandBackground2),
      good: style(tokens.colorStatusSuccessBackground1),
      attention: style(tokens.colorStatusDangerBackground1),
      warning: style(tokens.colorStatusWarningBackground1),
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
    adaptiveCard: { allowCustomStyle: true },
    imageSet: { imageSize: 'medium', maxImageHeight: 100 },
    factSet: {
      title: { size: 'default', color: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { size: 'default', color: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 16,
    },
    inputs: { label: { requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' }, optionalInputs: { weight: 'bolder' } }, errorMessage: { size: 'small', color: 'attention' } },
    textBlock: { headingLevel: 2 },
  };
}
