/** A short message: an error that says what went wrong, a warning, or a plain notice. */
import type { DomainError, ErrorCode } from '../result';
import { type AdaptiveCard, type CardElement, type ContainerStyle, type TextColor, adaptiveCard, text } from './adaptive-card';

type MessageTone = 'error' | 'warning' | 'info' | 'success';

export interface MessageCardModel {
  readonly tone: MessageTone;
  readonly title: string;
  readonly text: string;
  /** Specific problems, one line each (e.g. a field and what is wrong with it). */
  readonly details?: readonly string[];
  /** A stable code shown small, so support can find the cause. */
  readonly code?: string;
}

const STYLE: Readonly<Record<MessageTone, { container: ContainerStyle; color: TextColor }>> = {
  error: { container: 'attention', color: 'attention' },
  warning: { container: 'warning', color: 'warning' },
  info: { container: 'emphasis', color: 'default' },
  success: { container: 'good', color: 'good' },
};

export function messageCard(model: MessageCardModel): AdaptiveCard {
  const style = STYLE[model.tone];
  const body: CardElement[] = [
    {
      type: 'Container',
      style: style.container,
      bleed: true,
      items: [text(model.title, { weight: 'bolder', size: 'medium', color: style.color })],
    },
    text(model.text),
  ];
  if (model.details && model.details.length > 0) {
    body.push(text(model.details.slice(0, 20).map((d) => `- ${d}`).join('\n'), { spacing: 'small' }));
  }
  if (model.code) body.push(text(`Code: ${model.code}`, { size: 'small', isSubtle: true }));
  return adaptiveCard(body);
}

const TITLES: Readonly<Partial<Record<ErrorCode, string>>> = {
  'AUTH.UNAUTHENTICATED': 'Who are you?',
  'AUTH.FORBIDDEN': 'Not allowed',
  'VALIDATION.INVALID': 'That did not work',
  NOT_FOUND: 'Not found',
  'LINK.UNKNOWN_TARGET': 'Nothing to link to',
  'CONFLICT.ALREADY_EXISTS': 'Already exists',
  'CONFLICT.STALE': 'Someone else changed this',
};

/** The card for an expected failure returned by a use case. */
export function errorCard(error: DomainError): AdaptiveCard {
  return messageCard({
    tone: error.code === 'AUTH.FORBIDDEN' ? 'warning' : 'error',
    title: TITLES[error.code] ?? 'Something went wrong',
    text: error.message,
    ...(error.details ? { details: error.details.map((d) => `${d.at}: ${d.message}`) } : {}),
    code: error.code,
  });
}
