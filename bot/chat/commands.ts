/**
 * What people type to the bot, parsed into typed commands. Matching is forgiving about case
 * and spacing; anything unrecognised is `unknown`, which gets the help card, never silence.
 */
import type { LinkTargetQuery } from '../conversations';

export type BotCommand =
  | { readonly name: 'help' }
  | { readonly name: 'link'; readonly target?: LinkTargetQuery }
  /** Signals (PRODUCT.md §4): the raise form, and what I raised. */
  | { readonly name: 'raise'; readonly text: string }
  | { readonly name: 'mySignals' }
  /** Strategy changes (PRODUCT.md §3). */
  | { readonly name: 'changes' }
  | { readonly name: 'announce' }
  /** Check-ins (PRODUCT.md §5): in a domain's PMO channel, ask its teams for their status now. */
  | { readonly name: 'checkIn' }
  | { readonly name: 'linkUsage'; readonly text: string }
  | { readonly name: 'unknown'; readonly text: string };

/** Parses message text that has already had the bot's @mention removed. */
export function parseCommand(raw: string): BotCommand {
  const text = raw.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase().replace(/^\//, '');
  if (lower === '' || lower === 'help' || lower === '?' || lower === 'hi' || lower === 'hello') return { name: 'help' };
  if (lower === 'my signals' || lower === 'my signal') return { name: 'mySignals' };
  // `raise <text>` pre-fills the form's title with the text.
  if (lower === 'raise' || lower.startsWith('raise ')) return { name: 'raise', text: text.slice(5).trim() };
  if (lower === 'changes' || lower === 'my changes') return { name: 'changes' };
  if (lower === 'announce' || lower.startsWith('announce ')) return { name: 'announce' };
  if (lower === 'check-in' || lower === 'checkin' || lower === 'check in') return { name: 'checkIn' };
  if (lower === 'link') return { name: 'link' };
  if (lower.startsWith('link ')) {
    const rest = text.slice(text.toLowerCase().indexOf('link ') + 5).trim();
    const [kindWord = '', ...words] = rest.split(' ');
    const kind = kindWord.toLowerCase();
    const query = words.join(' ').trim();
    if (kind === 'epmo' && query === '') return { name: 'link', target: { kind: 'epmo' } };
    if (kind === 'pmo' && query) return { name: 'link', target: { kind: 'pmo', query } };
    if (kind === 'team' && query) return { name: 'link', target: { kind: 'team', query } };
    return { name: 'linkUsage', text };
  }
  return { name: 'unknown', text };
}
