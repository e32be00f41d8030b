/**
 * The order routes, registered by the HTTP app:
 * - `POST /api/orders`: a confirmed order from a kiosk, priced here, stored once per key
 *   (201 new, 200 the same key again, 400 naming a bad line, 409 a key reused for another order).
 * - `GET /api/kitchen/stream`: the kitchen display's live feed (server-sent events).
 * - `POST /api/kitchen/done`: an order is done; done again answers the same.
 * - Test mode: `GET /api/debug/kitchen` (open kitchen streams), `POST /api/debug/kitchen/drop?holdMs=`
 *   (cut every stream, refuse new ones for a while), `GET /api/debug/orders` (every stored order and its key).
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { KITCHEN_DONE_PATH, KITCHEN_STREAM_PATH, ORDERS_PATH, type OrderAck } from '../../src/orders/orderTypes.ts';
import { HttpError, sendJson } from '../http/httpResponses.ts';
import type { OriginPolicy } from '../http/originPolicy.ts';
import { readBody } from '../http/requestBody.ts';
import type { RequestTarget } from '../http/requestTarget.ts';
import type { ServerLogger } from '../log.ts';
import type { KitchenFeed } from './kitchenFeed.ts';
import { OrderValidationError, priceOrder } from './orderPricing.ts';
import { IdempotencyConflictError, type OrderStore } from './orderStore.ts';

type Handler = (request: IncomingMessage, response: ServerResponse, target: RequestTarget) => Promise<void>;
export type OrderRouteTable = Map<string, { GET?: Handler; POST?: Handler }>;

export interface OpenOrders {
  store: OrderStore;
  feed: KitchenFeed;
}

export interface OrderRouteOptions {
  /** The store, opened on first use. */
  open: () => Promise<OpenOrders>;
  originPolicy: OriginPolicy;
  log: ServerLogger;
  testMode: boolean;
  ackDelayMs: number;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.');
  }
}

/** A sequence number from `Last-Event-ID` (what EventSource resends) or `?after=`; null for a fresh display. */
function resumePoint(request: IncomingMessage, target: RequestTarget): number | null {
  const raw = request.headers['last-event-id'] ?? target.searchParams.get('after');
  if (raw === null || raw === undefined || raw === '') return null;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new HttpError(400, 'Last-Event-ID / after must be a sequence number.');
  return value;
}

export function orderRoutes(options: OrderRouteOptions): OrderRouteTable {
  const { open, originPolicy, log } = options;
  const refuseForeign = (request: IncomingMessage) => {
    // The same Host and Origin rule as the token endpoint: a foreign page may not place or read orders.
    if (originPolicy.refusal(request)) throw new HttpError(403, 'This server does not take order requests for that Host or Origin.');
  };

  const placeOrder: Handler = async (request, response) => {
    refuseForeign(request);
    let priced;
    try {
      priced = priceOrder(await readJson(request));
    } catch (error) {
      if (error instanceof OrderValidationError) throw new HttpError(400, `The order was refused: ${error.message}.`);
      throw error;
    }
    const { store } = await open();
    let placed;
    try {
      placed = await store.place(priced);
    } catch (error) {
      if (error instanceof IdempotencyConflictError) throw new HttpError(409, `The order was refused: ${error.message}.`);
      throw error;
    }
    log.info({ order: placed.order.id, number: placed.order.number, kiosk: placed.order.kioskId, created: placed.created }, 'order stored');
    if (options.ackDelayMs > 0) await sleep(options.ackDelayMs);
    const ack: OrderAck = placed;
    sendJson(response, placed.created ? 201 : 200, ack);
  };

  const markDone: Handler = async (request, response) => {
    refuseForeign(request);
    const body = await readJson(request);
    const orderId = (body as { orderId?: unknown } | null)?.orderId;
    if (typeof orderId !== 'number' || !Number.isSafeInteger(orderId) || orderId < 1) throw new HttpError(400, 'orderId must be an order id.');
    const order = await (await open()).store.markDone(orderId);
    if (!order) throw new HttpError(404, `There is no order ${orderId}.`);
    sendJson(response, 200, { order });
  };

  const stream: Handler = async (request, response, target) => {
    refuseForeign(request);
    const after = resumePoint(request, target);
    await (await open()).feed.attach(request, response, after);
  };

  const routes: OrderRouteTable = new Map([
    [ORDERS_PATH, { POST: placeOrder }],
    [KITCHEN_DONE_PATH, { POST: markDone }],
    [KITCHEN_STREAM_PATH, { GET: stream }],
  ]);
  if (options.testMode) {
    routes.set('/api/debug/kitchen', { GET: async (_request, response) => sendJson(response, 200, { openStreams: (await open()).feed.openStreams }) });
    routes.set('/api/debug/kitchen/drop', {
      POST: async (_request, response, target) => {
        const holdMs = Math.min(60_000, Math.max(0, Number(target.searchParams.get('holdMs') ?? 0) || 0));
        sendJson(response, 200, { dropped: (await open()).feed.dropAll(holdMs), holdMs });
      },
    });
    routes.set('/api/debug/orders', { GET: async (_request, response) => sendJson(response, 200, { orders: await (await open()).store.allOrders() }) });
  }
  return routes;
}
