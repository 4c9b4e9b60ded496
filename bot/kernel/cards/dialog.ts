/** What a message action answers in Teams: a dialog (task module) showing a card, or a line of text. */
import type { AdaptiveCard } from './adaptive-card';

type DialogSize = 'small' | 'medium' | 'large';

export type DialogReply =
  | { readonly kind: 'dialog'; readonly title: string; readonly card: AdaptiveCard; readonly height: DialogSize; readonly width: DialogSize }
  | { readonly kind: 'message'; readonly text: string };
