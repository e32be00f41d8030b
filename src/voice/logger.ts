/**
 * The client's logger: structured lines on the browser console, quiet below `info`
 * unless debug logging is on. Its own few lines rather than pino's browser build: the
 * logger is in the first chunk, where 6 KB of gzip is a fifth of the budget, and the
 * client uses only levels, bindings and child loggers.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

type LogMethod = {
  (message: string): void;
  (fields: Record<string, unknown>, message: string): void;
};

export interface ClientLogger {
  level: LogLevel;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  child(bindings: Record<string, unknown>): ClientLogger;
}

const RANK: Record<LogLevel, number> = { debug: 20, info: 30, warn: 40, error: 50 };
const NAME = 'voice-kiosk';

/** A level shared by a logger and all its children, as a technician's switch expects. */
interface LevelHolder {
  level: LogLevel;
}

function makeLogger(holder: LevelHolder, bindings: Record<string, unknown>): ClientLogger {
  const method =
    (level: LogLevel): LogMethod =>
    (fieldsOrMessage: Record<string, unknown> | string, message?: string) => {
      if (RANK[level] < RANK[holder.level]) return;
      const fields = typeof fieldsOrMessage === 'string' ? {} : fieldsOrMessage;
      const text = typeof fieldsOrMessage === 'string' ? fieldsOrMessage : (message ?? '');
      console[level](`[${NAME}] ${text}`, { ...bindings, ...fields });
    };
  return {
    get level() {
      return holder.level;
    },
    set level(next: LogLevel) {
      holder.level = next;
    },
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    child: (more) => makeLogger(holder, { ...bindings, ...more }),
  };
}

export function createClientLogger(debug: boolean): ClientLogger {
  return makeLogger({ level: debug ? 'debug' : 'info' }, {});
}

export function setDebugLogging(logger: ClientLogger, on: boolean): void {
  logger.level = on ? 'debug' : 'info';
}
