/**
 * The order shapes the kiosk, the kitchen display and the server all speak. The kiosk
 * sends what the customer chose; the server prices it from the menu and answers with a
 * stored order. Nothing here trusts a price from the client.
 */

import type { Size } from '../menu/menu.ts';

/** One line as the kiosk sends it: what, which size, which modifiers, how many. */
export interface OrderLineRequest {
  itemId: string;
  size: Size | null;
  modifiers: string[];
  quantity: number;
}

export interface OrderRequest {
  /** One per confirmed order, made by the kiosk: the same key sent again is the same order. */
  idempotencyKey: string;
  kioskId: string;
  lines: OrderLineRequest[];
}

export interface PricedLine {
  itemId: string;
  name: string;
  size: Size | null;
  modifiers: { id: string; label: string }[];
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface StoredOrder {
  id: number;
  /** The short number the customer is told ("Order 42"). */
  number: number;
  kioskId: string;
  lines: PricedLine[];
  totalCents: number;
  createdAtMs: number;
  doneAtMs: number | null;
}

/** What `POST /api/orders` answers (201 new, 200 the same key again). */
export interface OrderAck {
  order: StoredOrder;
  /** False when the key was already stored: the answer is the order made the first time. */
  created: boolean;
}

/** One entry of the kitchen feed, numbered by the store's event sequence. */
export type KitchenEvent =
  | { kind: 'created'; seq: number; order: StoredOrder }
  | { kind: 'done'; seq: number; orderId: number };

export const KITCHEN_STREAM_PATH = '/api/kitchen/stream';
export const KITCHEN_DONE_PATH = '/api/kitchen/done';
export const ORDERS_PATH = '/api/orders';

/** Keys and kiosk ids are short printable tokens: anything else is refused, not stored. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const KIOSK_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const MAX_ORDER_LINES = 50;
