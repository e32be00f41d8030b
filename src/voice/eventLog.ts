/** A bounded log of what crossed the data channel, for the debug panel and the console. */

export type EventDirection = 'in' | 'out' | 'local';

export interface LoggedEvent {
  at: number;
  direction: EventDirection;
  type: string;
  /** The raw JSON, cut short; present for wire events. */
  raw?: string;
}

const RAW_LIMIT = 500;

export class EventLog {
  private readonly capacity: number;
  private buffer: LoggedEvent[] = [];

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  add(direction: EventDirection, type: string, raw?: string): void {
    const entry: LoggedEvent = { at: Date.now(), direction, type };
    if (raw !== undefined) entry.raw = raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…` : raw;
    this.buffer.push(entry);
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
  }

  entries(): LoggedEvent[] {
    return this.buffer.slice();
  }
}
