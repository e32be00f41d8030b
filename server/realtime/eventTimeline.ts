/**
 * When the session received each client event and sent each server event, in epoch
 * milliseconds with sub-millisecond precision: the server's own marks, so a benchmark can
 * split a turn's latency into the client's time and the server's. Bounded: only the latest
 * events are kept, which is all anyone asks about.
 */

export interface TimelineEntry {
  /** `performance.timeOrigin + performance.now()`: the same clock a browser on this machine reads. */
  at: number;
  direction: 'received' | 'sent';
  type: string;
}

const MAX_ENTRIES = 200;

export class EventTimeline {
  private readonly entries: TimelineEntry[] = [];

  mark(direction: TimelineEntry['direction'], type: string): void {
    this.entries.push({ at: performance.timeOrigin + performance.now(), direction, type: type.slice(0, 80) });
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  list(): TimelineEntry[] {
    return [...this.entries];
  }
}
