import { tokens } from '@fluentui/react-components';

/**
 * The raised surface that panels, forms and tables sit on (Fluent's card look): spread it
 * into a style, `panel: { ...SURFACE, padding: … }`. The transparent border keeps its edge
 * in high-contrast themes, where shadows do not show.
 */
export const SURFACE = {
  backgroundColor: tokens.colorNeutralBackground1,
  borderRadius: tokens.borderRadiusLarge,
  boxShadow: tokens.shadow4,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
} as const;
