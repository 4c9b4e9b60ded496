/**
 * Drives the real Microsoft 365 Agents Playground (npm `@microsoft/m365agentsplayground`) from a
 * test, through the same HTTP and WebSocket API its web client uses:
 *
 * - the client posts what the user types to `POST /_conversation/v1/conversations/{id}/messages`
 *   (in channels with the bot's mention; the playground forwards a channel message to the bot
 *   only when the bot is mentioned) and the playground sends the bot a Teams activity whose
 *   `serviceUrl` is its own connector, `http://127.0.0.1:{port}/_connector`;
 * - the bot answers (and sends proactively) to that connector; the playground stores each
 *   message and pushes it to its clients on `/_ws_conversation/v1/conversations/stream` as
 *   `createMessage` / `updateMessage` actions. This driver is such a client and keeps what it
 *   sees, so tests read the conversation as a person in the playground would;
 * - a card's `Action.Execute` is posted as the client does, to `POST /_conversation/v1/invoke`
 *   (`name: adaptiveCard/action`, the action's verb and its data merged with the card's input
 *   values, `replyToId` = the card's message id); the playground sends the bot an invoke and
 *   returns the bot's invoke response, which the client shows in place of the card.
 *
 * One person is signed in per playground (its config holds a current user and five others);
 * the config comes from the same generator as `npm run playground`. The playground listens on
 * loopback only (see playground-loopback.cjs) on a free port, with telemetry off and no browser.
 *
 *   const pg = await startPlayground({ app, as: 'pmo-it' });
 *   const [card] = await pg.ask(pg.chats.personal, 'help');
 *   await pg.stop();
 *
 * The types a test sees and the small helpers are in playground-parts.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { demoPlaygroundConfig } from '../../scripts/playground';
import {
  type LoadedConfig,
  type Playground,
  type PlaygroundMessage,
  type StartPlaygroundOptions,
  type WsAction,
  ADAPTIVE_CARD,
  HOST,
  cardInputs,
  delay,
  executeActions,
  freePort,
  http,
  settlesWithin,
} from './playground-parts';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const LOOPBACK_SHIM = join(__dirname, 'playground-loopback.cjs');

export { ADAPTIVE_CARD, type InvokeResult, type LoadedConfig, type Playground, type PlaygroundMessage, type SentMessage, type StartPlaygroundOptions } from './playground-parts';

export async function startPlayground(options: StartPlaygroundOptions): Promise<Playground> {
  const { config, yaml } = demoPlaygroundConfig(options.as);
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  const dir = mkdtempSync(join(tmpdir(), 'pmo-relay-playground-'));
  const configPath = join(dir, 'm365agentsplayground.yml');
  const logPath = join(dir, 'playground.log');
  writeFileSync(configPath, yaml);

  let printed = '';
  const output = (): string => {
    let log = '';
    try {
      log = readFileSync(logPath, 'utf8');
    } catch {
      // not written yet
    }
    return `${printed.trim() || '(nothing on stdout/stderr)'}\n--- ${logPath} ---\n${log.trim().slice(-8000) || '(empty)'}`;
  };

  let child: ChildProcess | undefined;
  let ws: WebSocket | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stopProcess = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    if (await settlesWithin(exited, 5000)) return;
    proc.kill('SIGKILL');
    await settlesWithin(exited, 5000);
  };
  const cleanUp = async (): Promise<void> => {
    ws?.terminate();
    await stopProcess();
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };

  /** Starts the process on a free port; resolves once it listens there, or says why it could not. */
  const launch = async (port: number): Promise<'listening' | 'port-taken'> => {
    printed = '';
    const proc = spawn(process.execPath, ['-r', LOOPBACK_SHIM, CLI, '-c', 'msteams', '-p', String(port), '--service-url', `http://${HOST}:${port}/_connector`, '--disable-telemetry'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none', // else it exits trying to open a browser
        BOT_ENDPOINT: `${options.app.url}/api/messages`,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: logPath,
      },
    });
    child = proc;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`The Agents Playground did not start within ${startTimeoutMs} ms.`)), startTimeoutMs);
      const done = (result: Error | 'listening' | 'port-taken') => {
        clearTimeout(timer);
        proc.stdout?.removeListener('data', onData);
        proc.removeListener('exit', onExit);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const onData = () => {
        const listening = /Listening on (\d+)/.exec(printed);
        if (listening) done(Number(listening[1]) === port ? 'listening' : 'port-taken');
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        done(new Error(`The Agents Playground exited while starting (${signal ?? `exit code ${code}`}).`));
      proc.stdout?.setEncoding('utf8');
      proc.stderr?.setEncoding('utf8');
      proc.stdout?.on('data', (chunk: string) => {
        printed += chunk;
      });
      proc.stderr?.on('data', (chunk: string) => {
        printed += chunk;
      });
      proc.stdout?.on('data', onData);
      proc.once('exit', onExit);
      proc.once('error', (e) => done(new Error(`Could not run the Agents Playground (${CLI}): ${e.message}`)));
    });
  };

  let port = 0;
  try {
    // The playground silently moves to a random port when its port is taken; our service URL
    // names the port, so a port lost to a race means starting again on another.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      if ((await launch(port)) === 'listening') break;
      await stopProcess();
      if (attempt === 3) throw new Error('The Agents Playground could not keep a free port three times in a row.');
    }
    const url = `http://${HOST}:${port}`;
    // It prints "Listening" before it reads its config and mounts its API; a bad config makes it exit.
    const until = Date.now() + startTimeoutMs;
    for (;;) {
      if (child?.exitCode !== null) throw new Error(`The Agents Playground exited after it started listening (exit code ${child?.exitCode}).`);
      try {
        await http('GET', `${url}/_internal/v1/testConfig`, undefined, 2000);
        break;
      } catch (error) {
        if (Date.now() > until) throw new Error(`The Agents Playground API did not come up within ${startTimeoutMs} ms: ${(error as Error).message}`);
        await delay(100);
      }
    }
    ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://${HOST}:${port}/_ws_conversation/v1/conversations/stream`, { handshakeTimeout: 5000 });
      socket.once('open', () => resolve(socket));
      socket.once('error', (e) => reject(new Error(`Could not open the playground's conversation stream: ${e.message}`)));
    });
  } catch (error) {
    const message = `${(error as Error).message}\nIts output:\n${output()}`;
    await cleanUp();
    throw new Error(message);
  }

  const url = `http://${HOST}:${port}`;
  const seen: PlaygroundMessage[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  const streamErrors: string[] = [];
  ws.on('message', (data) => {
    let event: WsAction;
    try {
      event = JSON.parse(String(data)) as WsAction;
    } catch {
      streamErrors.push(String(data).slice(0, 200));
      return;
    }
    const m = event.message;
    if (!m || (event.action !== 'createMessage' && event.action !== 'updateMessage')) return;
    const next = {
      id: m.messageId,
      // The first message of a new channel thread is announced on the channel, with its thread id.
      conversationId: m.postConversationId ?? event.actionConversationId,
      fromBot: m.from?.id === config.bot.id,
      ...(m.text !== undefined ? { text: m.text } : {}),
      attachments: m.attachments ?? [],
    };
    const at = seen.findIndex((s) => s.id === m.messageId);
    const before = seen[at];
    if (event.action === 'updateMessage' && before) seen[at] = { ...next, conversationId: before.conversationId, updates: before.updates + 1 };
    else if (!before) seen.push({ ...next, updates: 0 });
    notify();
  });

  /** Resolves with `check`'s first defined result, re-checked on every stream event; bounded. */
  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const first = check();
      if (first !== undefined) return resolve(first);
      const timer = setTimeout(() => {
        waiters.delete(recheck);
        const summary = seen.map((s) => `  ${s.fromBot ? 'bot' : 'user'} ${s.id} in ${s.conversationId}: ${s.text ?? ''}${s.attachments.map((a) => ` [${a.contentType}]`).join('')}`).join('\n');
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} in the Agents Playground.\nMessages seen:\n${summary || '  (none)'}\nPlayground output:\n${output()}`));
      }, timeoutMs);
      const recheck = () => {
        const found = check();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(recheck);
        resolve(found);
      };
      waiters.add(recheck);
    });

  const channels = new Set([config.team.id, ...config.team.channels.map((c) => c.id)]);
  const mention = `<at>${config.bot.name}</at>`;

  const playground: Playground = {
    url,
    serviceUrl: `${url}/_connector`,
    config,
    chats: {
      personal: config.personalChat.id,
      group: config.groupChat.id,
      general: config.team.id,
      channel: config.team.channels[0]?.id ?? config.team.id,
    },
    loadedConfig: async () => {
      const loaded = await http<{ config: LoadedConfig }>('GET', `${url}/_internal/v1/testConfig`);
      return loaded.config;
    },
    async send(conversationId, text) {
      // A reply in a channel thread is addressed to the thread; a new post to the channel itself.
      const isChannel = channels.has(conversationId.split(';')[0] ?? '');
      const body = {
        from: { id: config.currentUser.id },
        text: isChannel ? `${mention} ${text}` : text,
        textFormat: 'plain',
        ...(isChannel ? { mentions: [{ mentioned: { id: config.bot.id }, text: mention }] } : {}),
      };
      const res = await http<{ messageId: string; postConversationId?: string }>('POST', `${url}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body);
      return { id: res.messageId, conversationId: res.postConversationId ?? conversationId };
    },
    async ask(conversationId, text, opts = {}) {
      const already = new Set(seen.map((m) => m.id));
      const sent = await playground.send(conversationId, text);
      return playground.waitForBotMessages((m) => !already.has(m.id) && m.conversationId === sent.conversationId, {
        count: opts.count ?? 1,
        timeoutMs: opts.timeoutMs ?? 10_000,
        what: `the bot's answer to "${text}"`,
      });
    },
    messages: () => [...seen],
    waitForBotMessages(match, opts = {}) {
      const count = opts.count ?? 1;
      return waitFor(
        () => {
          const found = seen.filter((m) => m.fromBot && match(m));
          return found.length >= count ? found.slice(0, count) : undefined;
        },
        opts.timeoutMs ?? 10_000,
        opts.what ?? `${count} bot message(s)`,
      );
    },
    waitForMessage(id, match, opts = {}) {
      return waitFor(() => seen.find((m) => m.id === id && match(m)), opts.timeoutMs ?? 10_000, opts.what ?? `message ${id}`);
    },
    async execute(message, actionName, inputs = {}, opts = {}) {
      const card = message.attachments.find((a) => a.contentType === ADAPTIVE_CARD)?.content;
      if (!card) throw new Error(`Message ${message.id} has no Adaptive Card to act on.`);
      const actions = executeActions(card);
      const action = actions.find((a) => a.title === actionName) ?? actions.find((a) => a.verb === actionName);
      if (!action) {
        throw new Error(`The card has no Action.Execute "${actionName}"; it has: ${actions.map((a) => `"${String(a.title)}" (${String(a.verb)})`).join(', ') || 'none'}.`);
      }
      // As the Adaptive Cards renderer does: inputs are validated, then merged into the action's data.
      const values: Record<string, string> = {};
      if (action.associatedInputs !== 'none') {
        for (const [id, input] of cardInputs(card)) {
          const value = inputs[id] ?? input.value;
          if (value !== undefined) values[id] = value;
          else if (input.required) throw new Error(`The card would not submit: "${input.label}" (${id}) is required.`);
        }
      }
      const unknown = Object.keys(inputs).filter((id) => !(id in values));
      if (unknown.length > 0) throw new Error(`The card has no input ${unknown.map((u) => `"${u}"`).join(', ')}.`);
      const data = { ...((action.data as Record<string, unknown> | undefined) ?? {}), ...values };
      const res = await http<{ type: string; value: unknown }>(
        'POST',
        `${url}/_conversation/v1/invoke`,
        {
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', title: action.title, verb: action.verb, data } },
          from: { id: config.currentUser.id },
          conversation: { id: message.conversationId },
          replyToId: message.id,
        },
        opts.timeoutMs ?? 15_000,
      );
      if (res.type !== ADAPTIVE_CARD) return res;
      // The client shows the returned card in place of the one clicked.
      const at = seen.findIndex((m) => m.id === message.id);
      const current = seen[at];
      if (current) {
        seen[at] = { ...current, attachments: [{ contentType: ADAPTIVE_CARD, content: res.value }], updates: current.updates + 1 };
        notify();
      }
      return { ...res, card: res.value };
    },
    output,
    stop: cleanUp,
  };
  return playground;
}
