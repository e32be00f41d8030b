/**
 * The kitchen display's live feed over server-sent events. Each display's stream keeps
 * the last sequence number it was sent and, whenever any server on the database says
 * something changed (NOTIFY), reads the events after it. A display that reconnects says
 * where it was (`Last-Event-ID` or `?after=`), so it neither misses nor doubles an order.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KitchenEvent } from '../../src/orders/orderTypes.ts';
import type { ServerLogger } from '../log.ts';
import type { OrderStore } from './orderStore.ts';

/** A comment line this often keeps idle proxies and the browser from calling the stream dead. */
const HEARTBEAT_MS = 15_000;
const BATCH = 200;

class KitchenStream {
  lastSeq: number;
  private readonly response: ServerResponse;
  private readonly store: OrderStore;
  private readonly log: ServerLogger;
  private pulling = false;
  private pullAgain = false;
  closed = false;

  constructor(response: ServerResponse, store: OrderStore, log: ServerLogger, lastSeq: number) {
    this.response = response;
    this.store = store;
    this.log = log;
    this.lastSeq = lastSeq;
  }

  /** Cuts the connection as a network failure would: no goodbye, the display must notice. */
  destroy(): void {
    this.closed = true;
    this.response.destroy();
  }

  end(): void {
    this.closed = true;
    this.response.end();
  }

  write(text: string): void {
    if (!this.closed) this.response.write(text);
  }

  send(event: KitchenEvent): void {
    this.write(`id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
    this.lastSeq = event.seq;
  }

  /** Sends what is new; a wake while reading reads once more, so none is left behind. */
  async pull(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    try {
      do {
        this.pullAgain = false;
        let events: KitchenEvent[];
        do {
          events = await this.store.eventsAfter(this.lastSeq, BATCH);
          for (const event of events) this.send(event);
        } while (events.length === BATCH && !this.closed);
      } while (this.pullAgain && !this.closed);
    } catch (error) {
      // The display resumes from its last event on reconnect: end the stream, lose nothing.
      this.log.warn({ error: String(error) }, 'kitchen stream could not read events');
      this.response.destroy();
    } finally {
      this.pulling = false;
    }
  }
}

export class KitchenFeed {
  private readonly store: OrderStore;
  private readonly log: ServerLogger;
  private readonly streams = new Set<KitchenStream>();
  private heartbeat: NodeJS.Timeout | null = null;
  /** Test mode: until then, new streams are turned away with 503 (the feed "down"). */
  private unavailableUntil = 0;

  constructor(store: OrderStore, log: ServerLogger) {
    this.store = store;
    this.log = log;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Something changed in the store: every stream reads what it has not sent. */
  wake(): void {
    for (const stream of this.streams) void stream.pull();
  }

  /** Test mode: drops every stream and turns new ones away for `holdMs`, as an outage between display and server. */
  dropAll(holdMs: number): number {
    const dropped = this.streams.size;
    this.unavailableUntil = Date.now() + holdMs;
    for (const stream of this.streams) stream.destroy();
    this.streams.clear();
    this.stopHeartbeat();
    return dropped;
  }

  async attach(request: IncomingMessage, response: ServerResponse, afterSeq: number | null): Promise<void> {
    if (Date.now() < this.unavailableUntil) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end('The order feed is unavailable (test outage).');
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    const stream = new KitchenStream(response, this.store, this.log, afterSeq ?? 0);
    this.streams.add(stream);
    this.ensureHeartbeat();
    request.on('close', () => {
      stream.closed = true;
      this.streams.delete(stream);
      if (this.streams.size === 0) this.stopHeartbeat();
    });
    if (afterSeq === null) {
      // A display starting fresh gets the open orders and the sequence they are current as of.
      const snapshot = await this.store.openOrders();
      stream.write(`id: ${snapshot.lastSeq}\nevent: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
      stream.lastSeq = snapshot.lastSeq;
    } else {
      stream.write(': resumed\n\n');
    }
    await stream.pull();
  }

  private ensureHeartbeat(): void {
    this.heartbeat ??= setInterval(() => {
      for (const stream of this.streams) stream.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  close(): void {
    this.stopHeartbeat();
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}
