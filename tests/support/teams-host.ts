/**
 * A stand-in for the Teams client around a tab, for browser tests: a page on the app's own origin
 * that frames the tab and answers teams-js's postMessage requests as Teams does — `initialize`,
 * `getContext`, `authentication.getAuthToken`, `settings.getSettings` (`pages.getConfig`) and
 * `settings.setSettings` (`pages.config.setConfig`) — records the one-way messages
 * (`settings.setValidityState`, `registerHandler`…), and presses Save: it sends `settings.save`
 * and waits for `settings.save.success` or `.failure`. teams-js trusts a parent on its own origin,
 * so no origin list is involved. Only what the tab uses is spoken; anything else is logged unanswered.
 */
import type { Page } from 'playwright-core';

/** Teams' saved settings of a configurable tab. */
export interface SavedTabConfig {
  readonly entityId?: string;
  readonly contentUrl?: string;
  readonly websiteUrl?: string;
  readonly suggestedDisplayName?: string;
}

export interface TeamsHostOptions {
  /** `settings` for the configuration page, `content` for the tab itself. */
  readonly frameContext: 'settings' | 'content';
  /** The tab's URL (the manifest's configurationUrl, or a saved contentUrl). */
  readonly tabUrl: string;
  /** What `authentication.getAuthToken` answers: the signed-in person's token for the API. */
  readonly token: string;
  readonly tenantId: string;
  readonly userId: string;
  /** The channel the tab is in (its conversation id). */
  readonly channelId?: string;
  /** The settings saved before (a tab being reconfigured). */
  readonly savedConfig?: SavedTabConfig;
}

/** What the host saw: the last settings the tab offered, whether Save is enabled, and every call. */
export interface TeamsHostState {
  readonly config: SavedTabConfig | null;
  readonly valid: boolean;
  readonly calls: readonly string[];
}

const HOST_PATH = '/__teams-host.html';

/** The host page's script: teams-js's wire format is `{ id, uuidAsString, func, args }`, answered by `{ id, uuidAsString, args }`. */
function hostScript(o: TeamsHostOptions): string {
  const context = {
    locale: 'en-us',
    theme: 'default',
    frameContext: o.frameContext,
    hostClientType: 'web',
    tid: o.tenantId,
    userObjectId: o.userId,
    ...(o.channelId ? { channelId: o.channelId, channelName: 'General', teamId: '19:team@thread.tacv2', teamName: 'PMO' } : {}),
    ...(o.savedConfig?.entityId ? { entityId: o.savedConfig.entityId } : {}),
  };
  const runtime = JSON.stringify({ apiVersion: 4, supports: { pages: { config: {}, appButton: {}, tabs: {} }, teamsCore: {}, appEntity: {} } });
  return `
    const frame = document.querySelector('iframe');
    const state = { config: ${JSON.stringify(o.savedConfig ?? null)}, valid: false, calls: [] };
    let onSaved;
    const answers = {
      initialize: () => [${JSON.stringify(o.frameContext)}, 'web', ${JSON.stringify(runtime)}, '2.0.0'],
      getContext: () => [${JSON.stringify(context)}],
      'authentication.getAuthToken': () => [true, ${JSON.stringify(o.token)}],
      'settings.getSettings': () => [state.config ?? {}],
      'settings.setSettings': (args) => { state.config = args[0]; return [true]; },
    };
    const oneWay = {
      'settings.setValidityState': (args) => { state.valid = args[0] === true; },
      'settings.save.success': () => onSaved?.({ ok: true }),
      'settings.save.failure': (args) => onSaved?.({ ok: false, reason: args[0] }),
    };
    window.addEventListener('message', (event) => {
      if (event.source !== frame.contentWindow || typeof event.data?.func !== 'string') return;
      const { id, uuidAsString, func, args = [] } = event.data;
      state.calls.push(func);
      oneWay[func]?.(args);
      const answer = answers[func];
      if (answer) event.source.postMessage({ id, uuidAsString, args: answer(args) }, event.origin);
    });
    window.teamsHost = {
      state: () => state,
      // Teams' Save button: the tab's save handler answers success or failure.
      save: () => new Promise((resolve) => {
        onSaved = resolve;
        frame.contentWindow.postMessage({ func: 'settings.save', args: [{}] }, location.origin);
      }),
    };
  `;
}

/** Opens `o.tabUrl` inside the stand-in host on `page`; the tab is the frame titled "PMO Relay". */
export async function openInTeamsHost(page: Page, appUrl: string, o: TeamsHostOptions): Promise<void> {
  await page.route(`**${HOST_PATH}`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>Teams (stand-in)</title><body><iframe title="PMO Relay" src="${o.tabUrl}" style="width:1400px;height:900px"></iframe><script>${hostScript(o)}</script></body></html>`,
    }),
  );
  await page.goto(`${appUrl}${HOST_PATH}`);
}

export const teamsHostState = (page: Page): Promise<TeamsHostState> =>
  page.evaluate(() => (window as unknown as { teamsHost: { state(): TeamsHostState } }).teamsHost.state());

/** Presses Teams' Save; answers whether the tab accepted it. */
export const pressSave = (page: Page): Promise<{ ok: boolean; reason?: string }> =>
  page.evaluate(() => (window as unknown as { teamsHost: { save(): Promise<{ ok: boolean; reason?: string }> } }).teamsHost.save());
