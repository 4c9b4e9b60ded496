/**
 * Our bot credentials in botbuilder's terms, shared by the endpoint (incoming activities) and the
 * messenger (proactive sends).
 */
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../../config';

/** Maps our config to botbuilder's: no app id means authentication is off (local use only). */
export function botAuthOptions(bot: Config['bot']): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ...(bot.appId ? { MicrosoftAppId: bot.appId } : {}),
    ...(bot.appPassword ? { MicrosoftAppPassword: bot.appPassword } : {}),
    ...(bot.appId ? { MicrosoftAppType: bot.appType } : {}),
    ...(bot.appTenantId ? { MicrosoftAppTenantId: bot.appTenantId } : {}),
  };
}
