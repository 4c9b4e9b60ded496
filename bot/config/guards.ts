/**
 * Rules across variables, checked with the schema: what a deployed or production process refuses
 * (dev sign-in, the demo seed, the emulator's account, bot authentication off), and the variables
 * that only make sense together. Each names the variable to fix.
 */
import type { z } from 'zod';
import { RECORD_MARGIN_MS } from '../delivery';
import { isLoopback } from '../kernel/loopback';
import { type Env, isDeployed } from './env-schema';

/**
 * The storage emulator's development account (Azurite's): its key is published, so anyone can
 * sign requests for it. `UseDevelopmentStorage=true` means that account.
 */
const EMULATOR_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const usesEmulatorAccount = (connectionString: string): boolean =>
  connectionString.includes(EMULATOR_ACCOUNT_KEY) || /UseDevelopmentStorage=true/i.test(connectionString);

/** Adds an issue to `ctx` for each rule `env` breaks (zod's `superRefine`). */
export function guardEnv(env: Env, ctx: z.RefinementCtx): void {
  const deployed = isDeployed(env);
  // A send keeps its timeout and time to record it in hand on its claim (delivery-worker.ts); at
  // least as much again must be left for waiting its turn, or nothing would ever be sent.
  const sendInHandMs = env.DELIVERY_SEND_TIMEOUT_MS + RECORD_MARGIN_MS;
  if (env.DELIVERY_CLAIM_SECONDS * 1000 < 2 * sendInHandMs) {
    ctx.addIssue({
      code: 'custom',
      path: ['DELIVERY_CLAIM_SECONDS'],
      message: `must be at least twice DELIVERY_SEND_TIMEOUT_MS plus ${RECORD_MARGIN_MS / 1000} s (${(2 * sendInHandMs) / 1000} s)`,
    });
  }
  if (deployed && env.AUTH_MODE === 'dev') {
    ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'development tokens are refused outside local use (APP_ENV=local or test)' });
  }
  if (deployed && !env.AZURE_STORAGE_CONNECTION_STRING) {
    ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'required when deployed; the embedded Azurite is for local use' });
  }
  if (deployed && !env.MicrosoftAppId) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'required when deployed; bot authentication must be on' });
  }
  if ((env.AUTH_MODE ?? (deployed ? 'sso' : 'dev')) === 'sso' && !env.AAD_APP_CLIENT_ID && !env.SSO_AUDIENCES) {
    ctx.addIssue({ code: 'custom', path: ['AAD_APP_CLIENT_ID'], message: 'required for SSO (or set SSO_AUDIENCES)' });
  }
  if (env.AAD_APP_CLIENT_SECRET && !env.AAD_APP_CLIENT_ID) {
    ctx.addIssue({ code: 'custom', path: ['AAD_APP_CLIENT_ID'], message: 'required with AAD_APP_CLIENT_SECRET (activity-feed notifications)' });
  }
  if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required with MicrosoftAppId' });
  }
  if (!env.MicrosoftAppId && !isLoopback(env.HOST ?? (deployed ? '0.0.0.0' : '127.0.0.1'))) {
    ctx.addIssue({
      code: 'custom',
      path: ['HOST'],
      message: 'bot authentication is off (no MicrosoftAppId), so the app listens only on loopback (127.0.0.1, ::1, localhost); set MicrosoftAppId and MicrosoftAppPassword to listen on another address',
    });
  }
  if (env.APP_ENV === 'prod') {
    if (env.SEED_DEMO === true) ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo data is refused in production (APP_ENV=prod)' });
    if (env.AZURE_STORAGE_CONNECTION_STRING && usesEmulatorAccount(env.AZURE_STORAGE_CONNECTION_STRING)) {
      ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: "the storage emulator's public development account is refused in production (APP_ENV=prod); use the storage account's own connection string" });
    }
    if (!/^https:\/\//i.test(env.SSO_JWKS_URI)) ctx.addIssue({ code: 'custom', path: ['SSO_JWKS_URI'], message: 'must be https in production (APP_ENV=prod): the keys that sign sign-in tokens must not be readable or changeable on the way' });
  }
}
