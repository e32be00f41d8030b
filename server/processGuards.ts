/**
 * The process's last line. Request handlers and data-channel handlers catch their own
 * errors; these only make a miss visible in the log instead of silent.
 *
 * A rejected promise nobody awaited leaves no half-run synchronous code behind, so the
 * server logs it and keeps serving the kiosk. An uncaught exception may have stopped code
 * halfway through changing shared state, so the server logs it and exits for its
 * supervisor to restart it: continuing there is not safe.
 */

import type { ServerLogger } from './log.ts';

export function installProcessGuards(log: ServerLogger): void {
  process.on('unhandledRejection', (reason: unknown) => {
    log.error({ error: describe(reason) }, 'unhandled promise rejection (still serving)');
  });
  process.on('uncaughtException', (error: Error) => {
    log.fatal({ error: describe(error) }, 'uncaught exception: exiting');
    process.exit(1);
  });
}

function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
}
