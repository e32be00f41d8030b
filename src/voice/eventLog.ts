/**
 * A bounded log of what crossed the data channel, for the debug panel and the console.
 *
 * Bounded by bytes as well as entries: each entry keeps a detached copy of at most
 * RAW_LIMIT characters of its message (never a slice that would pin a huge original),
 * and the whole log stays under CHAR_BUDGET characters.
 */

import { clipDetached } from './detachedText.ts';

export type EventDirection = 'in' | 'out' | 'local';

export interface LoggedEvent {
  at: number;
  direction: EventDirection;
  type: string;
  /** The raw JSON, cut short; present for wire events. */
  raw?: string;
}

const RAW_LIMIT = 500;
const TYPE_LIMIT = 80;
/** A full log of 200 entries at their limits fits (116,600 characters); about 256 KB of UTF-16. */
const CHAR_BUDGET = 128_000;

export class EventLog {
  private readonly capacity: number;
  private buffer: LoggedEvent[] = [];
  private chars = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  add(direction: EventDirection, type: string, raw?: string): void {
    const entry: LoggedEvent = { at: Date.now(), direction, type: clipDetached(type, TYPE_LIMIT) };
    if (raw !== undefined) entry.raw = clipDetached(raw, RAW_LIMIT);
    this.buffer.push(entry);
    this.chars += sizeOf(entry);
    while (this.buffer.length > this.capacity || this.chars > CHAR_BUDGET) {
      const dropped = this.buffer.shift();
      if (!dropped) break;
      this.chars -= sizeOf(dropped);
    }
  }

  entries(): LoggedEvent[] {
    return this.buffer.slice();
  }

  /** Characters held, for tests of the bound. */
  get size(): number {
    return this.chars;
  }
}

function sizeOf(entry: LoggedEvent): number {
  return entry.type.length + (entry.raw?.length ?? 0);
}
