/**
 * Our bot credentials in botbuilder's terms, shared by the endpoint (incoming activities) and the
 * messenger (proactive sends).
 */
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../../config';

/**
 * Who signs the tokens channels send to the bot: botbuilder's public-cloud defaults unless given.
 * Tests name a local stand-in (OpenID metadata and keys they serve, an issuer they sign as).
 */
export interface ChannelTokenAuthority {
  /** The OpenID metadata document; botbuilder reads the signing keys from its `jwks_uri`. */
  readonly openIdMetadataUrl: string;
  readonly issuer: string;
}

/** Maps our config to botbuilder's: no app id means authentication is off (local use only). */
export function botAuthOptions(bot: Config['bot'], authority?: ChannelTokenAuthority): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ...(authority ? { ToBotFromChannelOpenIdMetadataUrl: authority.openIdMetadataUrl, ToBotFromChannelTokenIssuer: authority.issuer } : {}),
    ...(bot.appId ? { MicrosoftAppId: bot.appId } : {}),
    ...(bot.appPassword ? { MicrosoftAppPassword: bot.appPassword } : {}),
    ...(bot.appId ? { MicrosoftAppType: bot.appType } : {}),
    ...(bot.appTenantId ? { MicrosoftAppTenantId: bot.appTenantId } : {}),
  };
}
