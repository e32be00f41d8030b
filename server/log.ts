/** The server's logger. LOG_LEVEL=debug shows every event on every data channel. */

import pino from 'pino';
import type { LogLevel } from './config.ts';

export function createServerLogger(level: LogLevel) {
  return pino({ name: 'voice-kiosk-server', level });
}

export type ServerLogger = ReturnType<typeof createServerLogger>;
