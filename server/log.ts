/** The server's logger. LOG_LEVEL=debug shows every event on every data channel. */

import pino from 'pino';

export const log = pino({
  name: 'voice-kiosk-server',
  level: process.env.LOG_LEVEL ?? 'info',
});

export type ServerLogger = typeof log;
