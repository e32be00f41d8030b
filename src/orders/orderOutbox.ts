/**
 * Sends confirmed orders to the kiosk server, exactly once from the kitchen's side: each
 * order is in IndexedDB before the first attempt and carries its own idempotency key, so
 * a retry after a lost answer, a reload or a server restart finds the order already
 * stored instead of making a second one. Failures retry with backoff and jitter for as
 * long as it takes; a refusal (4xx) is kept and shown, never retried in a loop.
 *
 * Lives outside React, like the voice client; the UI reads `getSnapshot()`.
 */

import { OutboxStore, type OutboxEntry } from './outboxStore.ts';
import { ORDERS_PATH, type OrderAck, type OrderLineRequest } from './orderTypes.ts';
import { retryDelayMs, type RetryPolicy } from '../net/retrySchedule.ts';

export type OrderDelivery =
  /** Being written to the outbox, then sent for the first time. */
  | { state: 'sending' }
  /** Saved here; the server is away and it will be sent when it is back. */
  | { state: 'queued' }
  | { state: 'sent'; number: number }
  | { state: 'refused'; message: string };

export interface OutboxOrder {
  idempotencyKey: string;
  localNumber: string;
  delivery: OrderDelivery;
}

export interface OutboxSnapshot {
  /** The order confirmed last on this page, for the confirmation screen. */
  latest: OutboxOrder | null;
  /** Orders saved and not yet acknowledged (refused ones not counted). */
  unsent: number;
}

export interface OrderOutboxOptions {
  kioskId: string;
  retry: RetryPolicy;
  /** One attempt that has not answered by then counts as failed. */
  requestTimeoutMs?: number;
  ordersUrl?: string;
  random?: () => number;
  /** Install `window.__orderOutbox` for field debugging and tests. */
  installConsoleHandle?: boolean;
}

export const DEFAULT_ORDER_RETRY: RetryPolicy = { baseMs: 1_000, capMs: 30_000 };
const LOCAL_NUMBER_KEY = 'voice-kiosk.localOrderNumber';
const KEEP_SENT = 20;

type Attempt = { kind: 'sent'; number: number } | { kind: 'refused'; message: string } | { kind: 'failed' };

declare global {
  interface Window {
    __orderOutbox?: OrderOutbox;
  }
}

function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** K-1 … K-999, counted per kiosk in localStorage so a reload does not reuse a number soon. */
function nextLocalNumber(): string {
  const previous = Number(window.localStorage.getItem(LOCAL_NUMBER_KEY) ?? '0');
  const next = Number.isInteger(previous) && previous >= 1 && previous < 999 ? previous + 1 : 1;
  window.localStorage.setItem(LOCAL_NUMBER_KEY, String(next));
  return `K-${next}`;
}

async function refusalMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server refused the order (${response.status}).`;
  } catch {
    return `The server refused the order (${response.status}).`;
  }
}

export class OrderOutbox {
  private readonly options: Required<Omit<OrderOutboxOptions, 'installConsoleHandle'>>;
  private store: OutboxStore | null = null;
  private opening: Promise<OutboxStore | null> | null = null;
  /** Every order this page knows: unsent ones from the outbox, and the last few sent. */
  private readonly orders = new Map<string, { entry: OutboxEntry; delivery: OrderDelivery }>();
  private latestKey: string | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pumping = false;
  private pumpAgain = false;
  private stopped = false;
  private readonly listeners = new Set<() => void>();
  private snapshot: OutboxSnapshot = { latest: null, unsent: 0 };
  private readonly onOnline = () => this.retryNow();

  constructor(options: OrderOutboxOptions) {
    this.options = {
      kioskId: options.kioskId,
      retry: options.retry,
      requestTimeoutMs: options.requestTimeoutMs ?? 8_000,
      ordersUrl: options.ordersUrl ?? ORDERS_PATH,
      random: options.random ?? Math.random,
    };
    if (options.installConsoleHandle ?? true) window.__orderOutbox = this;
  }

  /** Opens the outbox and sends what an earlier page left unsent, before anything new. */
  start(): this {
    window.addEventListener('online', this.onOnline);
    this.opening = OutboxStore.open()
      .then(async (store) => {
        this.store = store;
        for (const entry of await store.all()) {
          if (this.orders.has(entry.idempotencyKey)) continue;
          this.orders.set(entry.idempotencyKey, { entry, delivery: entry.refusal ? { state: 'refused', message: entry.refusal } : { state: 'queued' } });
        }
        return store;
      })
      .catch((error: unknown) => {
        // No IndexedDB (a locked-down profile): orders are still sent and retried from memory.
        console.error('order outbox: IndexedDB unavailable, orders are kept in memory only', error);
        return null;
      });
    void this.opening.then(() => {
      this.emit();
      void this.pump();
    });
    return this;
  }

  /** Saves the order, then sends it. Resolves with its key once it is in the outbox. */
  async submit(lines: OrderLineRequest[]): Promise<string> {
    const entry: OutboxEntry = {
      idempotencyKey: newIdempotencyKey(),
      kioskId: this.options.kioskId,
      lines,
      localNumber: nextLocalNumber(),
      queuedAtMs: Date.now(),
      refusal: null,
    };
    this.orders.set(entry.idempotencyKey, { entry, delivery: { state: 'sending' } });
    this.latestKey = entry.idempotencyKey;
    this.emit();
    const store = await this.opening;
    await store?.put(entry).catch((error: unknown) => console.error('order outbox: could not save the order', error));
    // A new order is a fresh try: the server may be back, and the oldest still goes first.
    this.clearRetry();
    void this.pump();
    return entry.idempotencyKey;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): OutboxSnapshot => this.snapshot;

  /** A field check, by local number: what is waiting, and what this page has had acknowledged. */
  getStatus(): { unsent: string[]; acknowledged: string[]; failures: number; retryScheduled: boolean } {
    return {
      acknowledged: [...this.orders.values()].filter((order) => order.delivery.state === 'sent').map((order) => order.entry.localNumber),
      unsent: [...this.orders.values()].filter((order) => order.delivery.state === 'sending' || order.delivery.state === 'queued').map((order) => order.entry.localNumber),
      failures: this.failures,
      retryScheduled: this.retryTimer !== null,
    };
  }

  /** Stops retrying and closes the outbox; what is unsent stays in IndexedDB for the next page. */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
    window.removeEventListener('online', this.onOnline);
    this.listeners.clear();
    this.store?.close();
    if (window.__orderOutbox === this) delete window.__orderOutbox;
  }

  private retryNow(): void {
    if (this.retryTimer === null) return;
    this.clearRetry();
    void this.pump();
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Sends unsent orders one at a time, oldest first; the first failure schedules a retry of them all. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        for (const order of this.unsentOldestFirst()) {
          if (this.stopped || this.retryTimer !== null) return;
          const attempt = await this.send(order.entry);
          if (attempt.kind === 'failed') {
            this.failures += 1;
            for (const waiting of this.unsentOldestFirst()) waiting.delivery = { state: 'queued' };
            this.emit();
            this.retryTimer = setTimeout(() => {
              this.retryTimer = null;
              void this.pump();
            }, retryDelayMs(this.options.retry, this.failures, this.options.random));
            return;
          }
          this.failures = 0;
          await this.settle(order.entry, attempt);
        }
      } while (this.pumpAgain && !this.stopped);
    } finally {
      this.pumping = false;
    }
  }

  private unsentOldestFirst(): { entry: OutboxEntry; delivery: OrderDelivery }[] {
    return [...this.orders.values()]
      .filter((order) => order.delivery.state === 'sending' || order.delivery.state === 'queued')
      .sort((a, b) => a.entry.queuedAtMs - b.entry.queuedAtMs);
  }

  private async settle(entry: OutboxEntry, attempt: Attempt & { kind: 'sent' | 'refused' }): Promise<void> {
    const order = this.orders.get(entry.idempotencyKey);
    if (!order) return;
    if (attempt.kind === 'sent') {
      order.delivery = { state: 'sent', number: attempt.number };
      await this.store?.remove(entry.idempotencyKey).catch(() => undefined);
    } else {
      order.delivery = { state: 'refused', message: attempt.message };
      await this.store?.put({ ...entry, refusal: attempt.message }).catch(() => undefined);
    }
    this.forgetOldSent();
    this.emit();
  }

  private async send(entry: OutboxEntry): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(this.options.ordersUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ idempotencyKey: entry.idempotencyKey, kioskId: entry.kioskId, lines: entry.lines }),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch {
      return { kind: 'failed' };
    }
    if (response.ok) {
      try {
        const ack = (await response.json()) as OrderAck;
        return { kind: 'sent', number: ack.order.number };
      } catch {
        return { kind: 'failed' };
      }
    }
    // Busy, timed out or down: worth another try. Anything else is this order's fault.
    if (response.status === 408 || response.status === 429 || response.status >= 500) return { kind: 'failed' };
    return { kind: 'refused', message: await refusalMessage(response) };
  }

  private forgetOldSent(): void {
    const sent = [...this.orders.entries()].filter(([key, order]) => order.delivery.state === 'sent' && key !== this.latestKey);
    for (const [key] of sent.slice(0, Math.max(0, sent.length - KEEP_SENT))) this.orders.delete(key);
  }

  private emit(): void {
    const latest = this.latestKey ? this.orders.get(this.latestKey) : undefined;
    this.snapshot = {
      latest: latest ? { idempotencyKey: latest.entry.idempotencyKey, localNumber: latest.entry.localNumber, delivery: latest.delivery } : null,
      unsent: this.unsentOldestFirst().length,
    };
    for (const listener of this.listeners) listener();
  }
}
