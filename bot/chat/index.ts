/**
 * What the bot understands: commands, the one card-action union and which feature answers each
 * verb. This file is its one door, used by the Teams platform adapter.
 */
export { parseCardAction } from './card-actions';
export { parseCommand } from './commands';
export { type Chat, createChat } from './router';
export type { Caller } from './turns';
