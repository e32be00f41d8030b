/**
 * Orders in PostgreSQL (embedded or a server; the SQL is the same): store one per
 * idempotency key, mark one done, and read the kitchen feed after a sequence number.
 *
 * Every write takes one advisory lock for its transaction. That makes the event sequence
 * commit in order: without it, a reader could see event 7 committed before event 6 and,
 * resuming "after 7", never see 6. A kiosk restaurant writes a few orders a minute; one
 * writer at a time costs nothing and makes the same key racing itself trivially one row.
 */

import { createHash } from 'node:crypto';
import type { KitchenEvent, OrderRequest, PricedLine, StoredOrder } from '../../src/orders/orderTypes.ts';
import type { OrderDatabase, SqlRunner } from './orderDatabase.ts';
import type { PricedOrder } from './orderPricing.ts';

const WRITE_LOCK = 7_214_002;
export const ORDERS_CHANNEL = 'kiosk_orders';
/** Order numbers the customer hears run 1–999 and start again. */
const ORDER_NUMBERS = 999;

export class IdempotencyConflictError extends Error {}

interface OrderRow {
  id: number;
  order_number: number;
  kiosk_id: string;
  lines: PricedLine[];
  total_cents: number;
  created_ms: number;
  done_ms: number | null;
  request_fingerprint: string;
}

function orderColumns(table = ''): string {
  const t = table ? `${table}.` : '';
  return `${t}id::int AS id, ${t}order_number, ${t}kiosk_id, ${t}lines, ${t}total_cents, ${t}request_fingerprint,
  (extract(epoch FROM ${t}created_at) * 1000)::float8 AS created_ms,
  (extract(epoch FROM ${t}done_at) * 1000)::float8 AS done_ms`;
}
const ORDER_COLUMNS = orderColumns();

function toOrder(row: OrderRow): StoredOrder {
  return {
    id: row.id,
    number: row.order_number,
    kioskId: row.kiosk_id,
    lines: typeof row.lines === 'string' ? (JSON.parse(row.lines) as PricedLine[]) : row.lines,
    totalCents: row.total_cents,
    createdAtMs: Math.round(row.created_ms),
    doneAtMs: row.done_ms === null ? null : Math.round(row.done_ms),
  };
}

/** The same order, whatever order its keys were written in: what a resent key must match. */
export function fingerprint(request: OrderRequest): string {
  const canonical = JSON.stringify({ kioskId: request.kioskId, lines: request.lines });
  return createHash('sha256').update(canonical).digest('hex');
}

export class OrderStore {
  private readonly db: OrderDatabase;

  constructor(db: OrderDatabase) {
    this.db = db;
  }

  /** Stores the order, or returns the one already stored under its key. */
  async place(order: PricedOrder): Promise<{ order: StoredOrder; created: boolean }> {
    const print = fingerprint(order.request);
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const existing = await tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE idempotency_key = $1`, [order.request.idempotencyKey]);
      if (existing[0]) {
        if (existing[0].request_fingerprint !== print) {
          throw new IdempotencyConflictError('this idempotencyKey was already used for a different order');
        }
        return { order: toOrder(existing[0]), created: false };
      }
      const inserted = await tx.query<OrderRow>(
        `INSERT INTO orders (idempotency_key, request_fingerprint, kiosk_id, order_number, lines, total_cents)
         VALUES ($1, $2, $3, (SELECT (COALESCE(max(id), 0) % ${ORDER_NUMBERS}) + 1 FROM orders), $4::jsonb, $5)
         RETURNING ${ORDER_COLUMNS}`,
        [order.request.idempotencyKey, print, order.request.kioskId, JSON.stringify(order.lines), order.totalCents],
      );
      const row = inserted[0];
      if (!row) throw new Error('INSERT returned no row');
      await this.recordEvent(tx, row.id, 'created');
      return { order: toOrder(row), created: true };
    });
  }

  /** Marks the order done; done again is the same answer. Null when there is no such order. */
  async markDone(orderId: number): Promise<StoredOrder | null> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const updated = await tx.query<OrderRow>(
        `UPDATE orders SET done_at = now() WHERE id = $1 AND done_at IS NULL RETURNING ${ORDER_COLUMNS}`,
        [orderId],
      );
      if (updated[0]) {
        await this.recordEvent(tx, orderId, 'done');
        return toOrder(updated[0]);
      }
      const found = await tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [orderId]);
      return found[0] ? toOrder(found[0]) : null;
    });
  }

  /** NOTIFY is delivered at commit, so a listener that reads then sees the event. */
  private async recordEvent(tx: SqlRunner, orderId: number, kind: 'created' | 'done'): Promise<void> {
    const rows = await tx.query<{ seq: number }>('INSERT INTO order_events (order_id, kind) VALUES ($1, $2) RETURNING seq::int AS seq', [orderId, kind]);
    await tx.query('SELECT pg_notify($1, $2)', [ORDERS_CHANNEL, String(rows[0]?.seq ?? '')]);
  }

  async openOrders(): Promise<{ orders: StoredOrder[]; lastSeq: number }> {
    // One snapshot: the orders and the sequence they are current as of.
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const rows = await tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE done_at IS NULL ORDER BY id`);
      const last = await tx.query<{ seq: number }>('SELECT COALESCE(max(seq), 0)::int AS seq FROM order_events');
      return { orders: rows.map(toOrder), lastSeq: last[0]?.seq ?? 0 };
    });
  }

  /** Events after `afterSeq`, oldest first, at most `limit`. */
  async eventsAfter(afterSeq: number, limit = 200): Promise<KitchenEvent[]> {
    const rows = await this.db.query<OrderRow & { seq: number; kind: 'created' | 'done' }>(
      `SELECT e.seq::int AS seq, e.kind, ${orderColumns('o')}
       FROM order_events e JOIN orders o ON o.id = e.order_id
       WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map((row) => (row.kind === 'created' ? { kind: 'created', seq: row.seq, order: toOrder(row) } : { kind: 'done', seq: row.seq, orderId: row.id }));
  }

  /** Every order with its key, for the tests' exactly-once checks. */
  async allOrders(): Promise<(StoredOrder & { idempotencyKey: string })[]> {
    const rows = await this.db.query<OrderRow & { idempotency_key: string }>(`SELECT ${ORDER_COLUMNS}, idempotency_key FROM orders ORDER BY id`);
    return rows.map((row) => ({ ...toOrder(row), idempotencyKey: row.idempotency_key }));
  }
}
