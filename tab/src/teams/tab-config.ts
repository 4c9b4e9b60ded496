/**
 * The channel-tab configuration page's side of the Teams contract: tell Teams which URL
 * the tab should show once the user presses Save.
 */

export interface TabSettings {
  readonly entityId: string;
  readonly contentUrl: string;
  readonly websiteUrl: string;
  readonly suggestedDisplayName: string;
}

let pending: TabSettings | undefined;
let saveHandlerRegistered = false;

/**
 * Offers `settings` to Teams: Save becomes enabled, and pressing it stores them.
 * Passing `undefined` disables Save again.
 */
export async function offerTabSettings(settings: TabSettings | undefined): Promise<void> {
  pending = settings;
  // Loaded on demand, like in host.ts; by now detectHost has loaded and initialised it.
  const { pages } = await import('@microsoft/teams-js');
  if (!saveHandlerRegistered) {
    pages.config.registerOnSaveHandler((event) => {
      if (!pending) {
        event.notifyFailure('Choose a portfolio first.');
        return;
      }
      pages.config.setConfig(pending).then(
        () => event.notifySuccess(),
        (error: unknown) => event.notifyFailure(error instanceof Error ? error.message : String(error)),
      );
    });
    saveHandlerRegistered = true;
  }
  if (settings) await pages.config.setConfig(settings);
  pages.config.setValidityState(settings !== undefined);
}

/** What Teams tells the configuration page: the tab's saved settings (when reconfigured) and where it is being added. */
export interface TabConfigContext {
  /** The content URL saved before; absent when the tab is being added. */
  readonly contentUrl?: string;
  /** The channel's (or group chat's) conversation id. */
  readonly conversationId?: string;
}

export async function tabConfigContext(): Promise<TabConfigContext> {
  const { app, pages } = await import('@microsoft/teams-js');
  // A tab being added has no settings yet; a host that cannot answer is treated the same way.
  const [config, context] = await Promise.all([pages.getConfig().catch(() => undefined), app.getContext()]);
  const conversationId = context.channel?.id ?? context.chat?.id;
  return { ...(config?.contentUrl ? { contentUrl: config.contentUrl } : {}), ...(conversationId ? { conversationId } : {}) };
}
