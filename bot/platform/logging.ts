/**
 * The process logger (pino). JSON lines when deployed or piped, so log tooling can read them;
 * readable, coloured lines on a developer's terminal.
 */
import pino from 'pino';
import type { Config } from '../config';
import type { Logger } from '../kernel/logger';

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false; // a production install without dev dependencies
  }
}

export function createLogger(config: Pick<Config, 'env' | 'logLevel'>): Logger {
  const pretty = config.env === 'local' && process.stdout.isTTY === true && prettyAvailable();
  return pino({
    level: config.logLevel,
    name: 'pmo-relay',
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,name' } } } : {}),
  });
}
