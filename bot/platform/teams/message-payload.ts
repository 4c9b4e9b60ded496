/**
 * The message a message action was started on, as Teams sends it (`messagePayload`: HTML or
 * text with an id and a link), read into plain text.
 */
import type { MessagingExtensionAction } from 'botbuilder';
import type { SourceMessage } from '../../signals';

/** Plain text from a message's HTML: line breaks kept, markup and entities gone. */
function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The source message of a message action, if Teams named one. */
export function sourceMessageOf(action: Pick<MessagingExtensionAction, 'messagePayload'>): SourceMessage | undefined {
  const payload = action.messagePayload;
  if (!payload) return undefined;
  const content = payload.body?.content ?? '';
  const text = payload.body?.contentType === 'html' || /<[a-z][^>]*>/i.test(content) ? plainText(content) : content.trim();
  return {
    ...(payload.id ? { id: String(payload.id) } : {}),
    ...(payload.linkToMessage ? { link: String(payload.linkToMessage) } : {}),
    text,
  };
}
