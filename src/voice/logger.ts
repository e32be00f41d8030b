/** The client's logger: pino's browser build, quiet unless debug logging is on. */

import pino, { type Logger } from 'pino';

export function createClientLogger(debug: boolean): Logger {
  return pino({
    name: 'voice-kiosk',
    level: debug ? 'debug' : 'info',
    browser: { asObject: false },
  });
}

export function setDebugLogging(logger: Logger, on: boolean): void {
  logger.level = on ? 'debug' : 'info';
}
