/**
 * The Agents Playground driver's vocabulary (see playground.ts): what a test sees of the
 * playground — messages, invoke results, the loaded config — and the small helpers the driver
 * uses to talk HTTP, find a free port and read a card's actions and inputs.
 */
import { createServer } from 'node:net';
import type { RunningApp } from '../../bot/composition/start-app';
import type { PlaygroundConfig } from '../../scripts/lib/playground-config';

export const HOST = '127.0.0.1';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface StartPlaygroundOptions {
  /** The app whose `/api/messages` the playground talks to. */
  readonly app: Pick<RunningApp, 'url'>;
  /** Who is signed in: a demo role shortcut (`pmo-it`, `team`, `strategy`…), a name or an email. Default: the IT PMO lead. */
  readonly as?: string;
  /** How long the playground may take to start (default 20 s). */
  readonly startTimeoutMs?: number;
}

/** A message as the playground's client holds it. */
export interface PlaygroundMessage {
  readonly id: string;
  /**
   * The conversation the message lives in, as the playground addresses it: the chat id, or in a
   * channel the thread (`<channel id>;messageid=<root id>`). Replies and card actions go here.
   */
  readonly conversationId: string;
  readonly fromBot: boolean;
  readonly text?: string;
  readonly attachments: readonly { readonly contentType: string; readonly content: unknown }[];
  /** How many times the bot updated it in place (or an action replaced its card). */
  readonly updates: number;
}

/** What the user typed, as the playground stored it. */
export interface SentMessage {
  readonly id: string;
  /** Where the bot's replies arrive: the chat, or the new channel thread. */
  readonly conversationId: string;
}

/** The bot's answer to an `Action.Execute`, as the client receives it. */
export interface InvokeResult {
  readonly type: string;
  readonly value: unknown;
  /** The card the client now shows in place of the one acted on (when the answer is a card). */
  readonly card?: unknown;
}

export interface Playground {
  /** Where the playground's web UI and API are. */
  readonly url: string;
  /** The connector URL the playground gives the bot (replies and proactive messages go here). */
  readonly serviceUrl: string;
  /** The configuration the playground was started with (demo tenant, signed-in person, conversations). */
  readonly config: PlaygroundConfig;
  /** Its conversations: the signed-in person's personal chat, the group chat, the team's General channel and its other channel. */
  readonly chats: { readonly personal: string; readonly group: string; readonly general: string; readonly channel: string };
  /** The configuration as the running playground reports it (`/_internal/v1/testConfig`). */
  loadedConfig(): Promise<LoadedConfig>;
  /** Types `text` into a chat or channel as the signed-in person (mentioning the bot in channels). */
  send(conversationId: string, text: string): Promise<SentMessage>;
  /** `send`, then waits for the bot's `count` replies in that chat or thread. */
  ask(conversationId: string, text: string, options?: { count?: number; timeoutMs?: number }): Promise<PlaygroundMessage[]>;
  /** Every message the client has seen, oldest first (bot messages; the user's own are not pushed back). */
  messages(): PlaygroundMessage[];
  /** Waits until the client has seen `count` bot messages that match, and returns them. */
  waitForBotMessages(match: (m: PlaygroundMessage) => boolean, options?: { count?: number; timeoutMs?: number; what?: string }): Promise<PlaygroundMessage[]>;
  /** Waits until the client has the message with this id in a state that matches (e.g. after an in-place update). */
  waitForMessage(id: string, match: (m: PlaygroundMessage) => boolean, options?: { timeoutMs?: number; what?: string }): Promise<PlaygroundMessage>;
  /**
   * Clicks an `Action.Execute` on the message's card, found by its title or verb, with these
   * input values (others keep the card's defaults), as the playground's client does.
   */
  execute(message: PlaygroundMessage, action: string, inputs?: Readonly<Record<string, string>>, options?: { timeoutMs?: number }): Promise<InvokeResult>;
  /** What the playground printed and logged so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface LoadedConfig {
  readonly tenantId: string;
  readonly bot: { readonly id: string };
  readonly currentUser: { readonly id: string; readonly aadObjectId: string; readonly name: string };
  readonly users: readonly { readonly id: string; readonly aadObjectId: string; readonly name: string }[];
}

/** One bounded HTTP call to the playground; errors carry its answer. */
export async function http<T>(method: string, url: string, body?: unknown, timeoutMs = 10_000): Promise<T> {
  const res = await fetch(url, {
    method,
    signal: AbortSignal.timeout(timeoutMs),
    ...(body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Agents Playground ${method} ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 2000)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A port the OS says is free on loopback now (the playground probes it again before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when `promise` settles within `ms`; the timer never outlives the answer. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RawWsMessage {
  readonly messageId: string;
  readonly from?: { readonly id?: string };
  readonly text?: string;
  readonly attachments?: readonly { readonly contentType: string; readonly content: unknown }[];
  readonly postConversationId?: string;
}

export interface WsAction {
  readonly action: 'createMessage' | 'updateMessage' | 'typing';
  readonly actionConversationId: string;
  readonly message?: RawWsMessage;
}

/** Every `Action.Execute` anywhere on a card (body, action sets, show-card sub-cards). */
export function executeActions(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => executeActions(n, out));
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (obj.type === 'Action.Execute') out.push(obj);
    Object.values(obj).forEach((v) => executeActions(v, out));
  }
  return out;
}

/** Input elements of a card with their current (default) values. */
export function cardInputs(node: unknown, out: Map<string, { value: string | undefined; required: boolean; label: string }> = new Map()) {
  if (Array.isArray(node)) node.forEach((n) => cardInputs(n, out));
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (typeof obj.type === 'string' && obj.type.startsWith('Input.') && typeof obj.id === 'string') {
      const value = obj.value === undefined || obj.value === null ? undefined : String(obj.value);
      out.set(obj.id, { value: value === '' ? undefined : value, required: obj.isRequired === true, label: typeof obj.label === 'string' ? obj.label : obj.id });
    }
    Object.values(obj).forEach((v) => cardInputs(v, out));
  }
  return out;
}

