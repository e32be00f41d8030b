/**
 * The kitchen display's one connection to the order feed, and the open orders it has
 * seen. Created once, outside React (renders, StrictMode and remounts only read it).
 *
 * Server-sent events rather than a WebSocket: the feed only flows one way, it is plain
 * HTTP through the kiosk server's existing routes and security headers (no upgrade
 * handling, no extra library on the server), and resuming is part of the protocol:
 * every event carries its sequence number as its id, and a reconnect asks for what
 * came after the last one, so a drop neither misses nor doubles an order.
 */

import { KITCHEN_DONE_PATH, KITCHEN_STREAM_PATH, type KitchenEvent, type StoredOrder } from '../orders/orderTypes.ts';
import { retryDelayMs, type RetryPolicy } from '../net/retrySchedule.ts';
import { SseParser } from './sseParser.ts';
import { StormDetector } from './stormDetector.ts';

export type KitchenLinkState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface KitchenSnapshot {
  orders: StoredOrder[];
  link: KitchenLinkState;
  /** Why the server refused the feed (401/403/404): shown, and not retried. */
  refusal: string | null;
  /** When the next attempt starts, while reconnecting. */
  retryAtMs: number | null;
  reconnects: number;
  storms: number;
  lastSeq: number | null;
  /** Streams this page has opened in its life: one, plus one per reconnect. */
  streamsOpened: number;
  doneError: string | null;
}

export const DEFAULT_KITCHEN_RETRY: RetryPolicy = { baseMs: 1_000, capMs: 15_000 };
/** The server sends a heartbeat every 15 s: three missed is a dead link, whatever TCP thinks. */
const SILENCE_LIMIT_MS = 45_000;
const REFUSED_STATUSES = new Set([401, 403, 404]);

declare global {
  interface Window {
    __kitchenFeed?: KitchenConnection;
  }
}

export class KitchenConnection {
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly storm = new StormDetector();
  private readonly orders = new Map<number, StoredOrder>();
  private readonly listeners = new Set<() => void>();
  private lastSeq: number | null = null;
  private link: KitchenLinkState = 'connecting';
  private refusal: string | null = null;
  private retryAtMs: number | null = null;
  private failures = 0;
  private streamsOpened = 0;
  private doneError: string | null = null;
  private abort: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private snapshot: KitchenSnapshot;

  constructor(options: { retry?: RetryPolicy; random?: () => number } = {}) {
    this.retry = options.retry ?? DEFAULT_KITCHEN_RETRY;
    this.random = options.random ?? Math.random;
    this.snapshot = this.makeSnapshot();
    window.__kitchenFeed = this;
  }

  /** Opens the feed; calling it again while running does nothing (one connection, always). */
  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    void this.open();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.abort = null;
    this.clearTimers();
    if (window.__kitchenFeed === this) delete window.__kitchenFeed;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): KitchenSnapshot => this.snapshot;

  /** Marks an order done; the server answers the same for a second tap. */
  async markDone(orderId: number): Promise<void> {
    try {
      const response = await fetch(KITCHEN_DONE_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ orderId }),
      });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      this.orders.delete(orderId);
      this.doneError = null;
    } catch (error) {
      this.doneError = `Could not mark the order done (${error instanceof Error ? error.message : String(error)}); try again.`;
    }
    this.emit();
  }

  private async open(): Promise<void> {
    const controller = new AbortController();
    this.abort = controller;
    this.streamsOpened += 1;
    const url = this.lastSeq === null ? KITCHEN_STREAM_PATH : `${KITCHEN_STREAM_PATH}?after=${this.lastSeq}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: { Accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store' });
    } catch {
      this.lost(controller);
      return;
    }
    if (REFUSED_STATUSES.has(response.status)) {
      this.refuse(response);
      return;
    }
    if (!response.ok || !response.body) {
      this.lost(controller);
      return;
    }
    this.link = 'live';
    this.retryAtMs = null;
    this.emit();
    await this.read(response.body, controller);
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const reader = body.getReader();
    const parser = new SseParser();
    this.watchSilence(controller);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.watchSilence(controller);
        let changed = false;
        for (const message of parser.push(value)) changed = this.apply(message.event, message.data) || changed;
        if (changed) this.emit();
      }
    } catch {
      // Aborted or cut off: the same as the stream ending.
    }
    this.lost(controller);
  }

  /** One event from the feed; true when the board changed. */
  private apply(event: string, data: string): boolean {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return false;
    }
    if (event === 'snapshot') {
      const snapshot = parsed as { orders: StoredOrder[]; lastSeq: number };
      this.orders.clear();
      for (const order of snapshot.orders) this.orders.set(order.id, order);
      this.lastSeq = snapshot.lastSeq;
      this.failures = 0;
      return true;
    }
    const change = parsed as KitchenEvent;
    if (typeof change.seq !== 'number' || (this.lastSeq !== null && change.seq <= this.lastSeq)) return false;
    this.lastSeq = change.seq;
    // A feed that delivers events is healthy again: the next drop starts the schedule over.
    this.failures = 0;
    if (change.kind === 'created' && change.order.doneAtMs === null) this.orders.set(change.order.id, change.order);
    if (change.kind === 'done') this.orders.delete(change.orderId);
    return true;
  }

  private refuse(response: Response): void {
    this.link = 'refused';
    const status = [response.status, response.statusText].filter(Boolean).join(' ');
    this.refusal = `The order feed refused this display (${status}). Ask a manager to check the server's ALLOWED_ORIGINS.`;
    this.abort = null;
    this.clearTimers();
    this.emit();
  }

  private lost(controller: AbortController): void {
    if (this.abort !== controller) return;
    this.abort = null;
    this.clearTimers();
    if (this.stopped) return;
    this.failures += 1;
    if (this.storm.record(Date.now())) {
      console.warn(`kitchen feed: reconnect storm, ${this.storm.report().reconnects} reconnects so far, 5 or more in 10 s`);
    }
    const delay = retryDelayMs(this.retry, this.failures, this.random);
    this.link = 'reconnecting';
    this.retryAtMs = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.open();
    }, delay);
    this.emit();
  }

  private watchSilence(controller: AbortController): void {
    if (this.silenceTimer !== null) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      this.silenceTimer = null;
      controller.abort();
    }, SILENCE_LIMIT_MS);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.silenceTimer !== null) clearTimeout(this.silenceTimer);
    this.retryTimer = null;
    this.silenceTimer = null;
  }

  private makeSnapshot(): KitchenSnapshot {
    const storm = this.storm.report();
    return {
      orders: [...this.orders.values()].sort((a, b) => a.createdAtMs - b.createdAtMs || a.id - b.id),
      link: this.link,
      refusal: this.refusal,
      retryAtMs: this.retryAtMs,
      reconnects: storm.reconnects,
      storms: storm.storms,
      lastSeq: this.lastSeq,
      streamsOpened: this.streamsOpened,
      doneError: this.doneError,
    };
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}
