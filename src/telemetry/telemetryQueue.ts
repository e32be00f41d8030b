/**
 * Carries telemetry events to the server without ever being in a turn's way: events are
 * queued (bounded), sent in batches, retried with a doubling pause while the server is
 * away, and thrown away (counted, and the count reported with the next batch that gets
 * through) once the queue is full. On the way out (page hide) what is left goes with
 * `navigator.sendBeacon`, which the browser delivers after the page is gone.
 */

import { TELEMETRY_LIMITS, type TelemetryBatch, type TelemetryEvent } from '../protocol/telemetry.ts';
import { retryDelayMs } from '../net/retrySchedule.ts';

export interface TelemetryQueueOptions {
  url: string;
  kioskId: string;
  /** A batch leaves this long after its first event (or at once when full). */
  flushMs?: number;
  /** Events held while the server is away; past it the oldest are dropped. */
  maxQueued?: number;
  /** First pause after a failed send, doubling to `retryCapMs`. */
  retryMs?: number;
  retryCapMs?: number;
  /** A send that has not answered by then counts as failed. */
  sendTimeoutMs?: number;
  fetch?: typeof fetch;
  sendBeacon?: (url: string, body: Blob) => boolean;
  random?: () => number;
}

export interface TelemetryStats {
  kioskId: string;
  queued: number;
  sent: number;
  dropped: number;
  /** Failed sends in a row (the retry pause grows with it). */
  failures: number;
  /** Batches the server refused as malformed: a bug here, so they are not retried. */
  rejected: number;
}

type SendResult = 'sent' | 'retry' | 'rejected';

export class TelemetryQueue {
  private readonly options: Required<Omit<TelemetryQueueOptions, 'sendBeacon'>> & Pick<TelemetryQueueOptions, 'sendBeacon'>;
  private readonly queue: TelemetryEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: AbortController | null = null;
  private droppedUnreported = 0;
  private readonly counts = { sent: 0, dropped: 0, failures: 0, rejected: 0 };
  private disposed = false;

  constructor(options: TelemetryQueueOptions) {
    this.options = {
      flushMs: 5_000,
      maxQueued: 500,
      retryMs: 2_000,
      retryCapMs: 60_000,
      sendTimeoutMs: 5_000,
      fetch: globalThis.fetch.bind(globalThis),
      random: Math.random,
      ...options,
    };
  }

  add(event: TelemetryEvent): void {
    if (this.disposed) return;
    this.queue.push(event);
    while (this.queue.length > this.options.maxQueued) {
      this.queue.shift();
      this.drop(1);
    }
    if (this.inFlight || this.counts.failures > 0) return; // the retry already scheduled will take it
    if (this.queue.length >= TELEMETRY_LIMITS.maxEvents) this.schedule(0);
    else if (!this.timer) this.schedule(this.options.flushMs);
  }

  stats(): TelemetryStats {
    return { kioskId: this.options.kioskId, queued: this.queue.length, ...this.counts };
  }

  /** Sends what is queued now, in one batch or more; resolves once the sends have settled. */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.queue.length > 0 && !this.inFlight && !this.disposed) {
      const result = await this.sendBatch();
      if (result === 'retry') {
        this.counts.failures += 1;
        this.schedule(this.retryDelay());
        return;
      }
      this.counts.failures = 0;
    }
  }

  /**
   * The page is going: hand what is left to `sendBeacon` and stop. The browser gives no
   * answer worth waiting for, so the events count as sent once it accepted them.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearTimer();
    this.inFlight?.abort();
    const sendBeacon = this.options.sendBeacon;
    while (sendBeacon && this.queue.length > 0) {
      const events = this.queue.splice(0, TELEMETRY_LIMITS.maxEvents);
      const body = new Blob([JSON.stringify(this.batchOf(events))], { type: 'application/json' });
      if (sendBeacon(this.options.url, body)) this.counts.sent += events.length;
      else this.drop(events.length);
    }
    this.drop(this.queue.splice(0).length);
  }

  private async sendBatch(): Promise<SendResult> {
    const events = this.queue.slice(0, TELEMETRY_LIMITS.maxEvents);
    const batch = this.batchOf(events);
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), this.options.sendTimeoutMs);
    let result: SendResult;
    try {
      const response = await this.options.fetch(this.options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
        signal: controller.signal,
      });
      // Too many, or the server is struggling: later. Anything else 4xx is this batch's fault.
      if (response.ok) result = 'sent';
      else result = response.status === 429 || response.status >= 500 ? 'retry' : 'rejected';
    } catch {
      result = 'retry';
    } finally {
      clearTimeout(timeout);
      this.inFlight = null;
    }
    if (this.disposed) return result;
    if (result === 'retry') return result;
    // Events that arrived while the batch was out stay queued behind it.
    this.queue.splice(0, events.length);
    if (result === 'sent') {
      this.counts.sent += events.length;
      this.droppedUnreported -= batch.dropped;
    } else {
      this.counts.rejected += 1;
      this.drop(events.length);
    }
    return result;
  }

  private batchOf(events: TelemetryEvent[]): TelemetryBatch {
    return { kiosk: this.options.kioskId, dropped: this.droppedUnreported, events };
  }

  private drop(count: number): void {
    this.counts.dropped += count;
    this.droppedUnreported += count;
  }

  private retryDelay(): number {
    const policy = { baseMs: this.options.retryMs, capMs: this.options.retryCapMs };
    return retryDelayMs(policy, this.counts.failures, this.options.random);
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
