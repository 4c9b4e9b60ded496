/**
 * The subset of the Adaptive Card 1.5 schema PMO Relay's cards use, typed so a builder cannot
 * produce an element Teams would not render. Extend it when a card needs more.
 * Schema: https://adaptivecards.io/explorer/
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Teams rejects messages over 100 KB; cards stay comfortably below that. */
export const MAX_CARD_BYTES = 100 * 1024;

export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
type TextWeight = 'lighter' | 'default' | 'bolder';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap?: boolean;
  readonly size?: TextSize;
  readonly weight?: TextWeight;
  readonly color?: TextColor;
  readonly isSubtle?: boolean;
  readonly spacing?: Spacing;
  readonly separator?: boolean;
  readonly style?: 'default' | 'heading';
}

export interface Fact {
  readonly title: string;
  readonly value: string;
}

interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly Fact[];
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: ContainerStyle;
  readonly spacing?: Spacing;
  readonly separator?: boolean;
  readonly bleed?: boolean;
}

export interface Column {
  readonly type: 'Column';
  readonly items: readonly CardElement[];
  readonly width?: 'auto' | 'stretch' | number;
  readonly verticalContentAlignment?: 'top' | 'center' | 'bottom';
}

interface ColumnSet {
  readonly type: 'ColumnSet';
  readonly columns: readonly Column[];
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface Choice {
  readonly title: string;
  readonly value: string;
}

interface ChoiceSetInput {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly label: string;
  readonly choices: readonly Choice[];
  readonly style?: 'compact' | 'expanded';
  readonly placeholder?: string;
  readonly value?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly spacing?: Spacing;
}

interface TextInput {
  readonly type: 'Input.Text';
  readonly id: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly isMultiline?: boolean;
  readonly maxLength?: number;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly spacing?: Spacing;
}

interface NumberInput {
  readonly type: 'Input.Number';
  readonly id: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly value?: number;
  readonly min?: number;
  readonly max?: number;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly spacing?: Spacing;
}

/** `value`, `min` and `max` are `YYYY-MM-DD`. */
interface DateInput {
  readonly type: 'Input.Date';
  readonly id: string;
  readonly label: string;
  readonly value?: string;
  readonly min?: string;
  readonly max?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly spacing?: Spacing;
}

interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly CardActionElement[];
  readonly spacing?: Spacing;
}

export type CardElement = TextBlock | FactSet | Container | ColumnSet | ChoiceSetInput | TextInput | NumberInput | DateInput | ActionSet;

/** Universal Action: Teams sends an `adaptiveCard/action` invoke with `verb` and `data`. */
export interface ExecuteAction {
  readonly type: 'Action.Execute';
  readonly title: string;
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly style?: 'default' | 'positive' | 'destructive';
  /** Which inputs to validate and send: `auto` sends all the card's inputs. */
  readonly associatedInputs?: 'auto' | 'none';
}

interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

/** Plain submit: the only action task modules (dialogs) support; its `data` arrives in the submit invoke. */
interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly style?: 'default' | 'positive' | 'destructive';
}

export type CardActionElement = ExecuteAction | OpenUrlAction | SubmitAction;

/**
 * Teams shows a user-specific view to at most 60 listed users ("Maximum 60 different users can
 * see a different version of the card", learn.microsoft.com › Universal Actions › User Specific Views).
 */
export const MAX_REFRESH_USERS = 60;

/**
 * An `<at>` mention on a card: the text names the person as written in a TextBlock, and
 * `mentioned.id` is their Teams user id (MRI, `29:…`) — "the mention object inside of an
 * msteams property in the card content, which includes the Teams user id of the user being
 * mentioned" (learn.microsoft.com › Format cards in Teams › Mention support within Adaptive Cards).
 */
export interface MentionEntity {
  readonly type: 'mention';
  /** `<at>Name</at>`, exactly as in the card's text. */
  readonly text: string;
  readonly mentioned: { readonly id: string; readonly name: string };
}

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly version: '1.5';
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardActionElement[];
  /** Teams extensions: the full message width; the people the card @mentions. */
  readonly msteams?: { readonly width?: 'Full'; readonly entities?: readonly MentionEntity[] };
  /**
   * Universal Actions: Teams invokes `action` for the listed users (at most 60) when they see
   * the card and shows them the card the bot answers with — a personal view for some people.
   */
  readonly refresh?: { readonly action: ExecuteAction; readonly userIds?: readonly string[] };
}

/** Wraps body and actions in a 1.5 card envelope. */
export function adaptiveCard(body: readonly CardElement[], actions: readonly CardActionElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/** The `<at>` text to put in a TextBlock and its entity for `msteams.entities`. */
export function mention(person: { readonly mri: string; readonly name: string }): { readonly text: string; readonly entity: MentionEntity } {
  const text = `<at>${person.name}</at>`;
  return { text, entity: { type: 'mention', text, mentioned: { id: person.mri, name: person.name } } };
}

/** Size of the card as Teams will receive it (UTF-8 JSON). */
export const cardBytes = (card: AdaptiveCard): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

export const text = (value: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...options,
});

export const heading = (value: string): TextBlock => text(value, { size: 'medium', weight: 'bolder', style: 'heading' });

