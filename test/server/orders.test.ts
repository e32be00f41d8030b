/**
 * The orders API on a real server process with its embedded store in a temp folder:
 * idempotency under a race, refusals that name the line, the kitchen feed resuming from
 * a sequence number, and orders kept across a restart.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import type { KitchenEvent, OrderAck } from '../../src/orders/orderTypes.ts';
import { startKioskProcess, type KioskProcess } from './kioskProcess.ts';
import { kioskProcessForSuite } from './kioskProcessSuite.ts';

const dataDir = mkdtempSync(`${tmpdir()}/voice-kiosk-orders-test-`);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A first PGlite start is a few seconds of WebAssembly on a shared machine: the first request waits for it. */
const STORE_OPENS = { timeout: 30_000 };

const CHEESEBURGER = { itemId: 'cheeseburger', size: null, modifiers: [], quantity: 1 };

function post(server: KioskProcess, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.origin}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

/** Reads the kitchen stream until `count` events have come, then hangs up. */
async function readFeed(server: KioskProcess, query: string, count: number): Promise<{ event: string; id: string; data: unknown }[]> {
  const controller = new AbortController();
  const response = await fetch(`${server.origin}/api/kitchen/stream${query}`, { signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: { event: string; id: string; data: unknown }[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf('\n\n')) !== -1) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      if (block.startsWith(':')) continue;
      const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
      events.push({ event: field('event'), id: field('id'), data: JSON.parse(field('data')) as unknown });
    }
  }
  controller.abort();
  return events;
}

describe('the orders API (embedded store in a folder)', () => {
  const server = kioskProcessForSuite({ KIOSK_MODE: 'test', ORDERS_DATA_DIR: dataDir });

  it('answers 201 with a short order number and the menu price, whatever total the kiosk claims', STORE_OPENS, async () => {
    const response = await post(server(), { idempotencyKey: 'first-order-1', kioskId: 'k-test01', lines: [{ ...CHEESEBURGER, quantity: 2 }], totalCents: 5 });
    expect(response.status).toBe(201);
    const ack = (await response.json()) as OrderAck;
    expect(ack.created).toBe(true);
    expect(ack.order.totalCents).toBe(1198);
    expect(ack.order.number).toBeGreaterThanOrEqual(1);
    expect(ack.order.number).toBeLessThanOrEqual(999);
  });

  it('stores one row when the same key is posted 20 times at once, and every answer is that order', async () => {
    const body = { idempotencyKey: 'raced-order-20', kioskId: 'k-race', lines: [CHEESEBURGER, { itemId: 'coke', size: 'large', modifiers: [], quantity: 1 }] };
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(server(), body)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(19);
    const acks = (await Promise.all(responses.map((response) => response.json()))) as OrderAck[];
    expect(new Set(acks.map((ack) => ack.order.id)).size).toBe(1);
    const stored = (await (await fetch(`${server().origin}/api/debug/orders`)).json()) as { orders: { idempotencyKey: string }[] };
    expect(stored.orders.filter((order) => order.idempotencyKey === 'raced-order-20')).toHaveLength(1);
  });

  it('refuses the same key with a different order (409), and keeps the first', async () => {
    expect((await post(server(), { idempotencyKey: 'reused-key-1', kioskId: 'k-a', lines: [CHEESEBURGER] })).status).toBe(201);
    const reused = await post(server(), { idempotencyKey: 'reused-key-1', kioskId: 'k-a', lines: [{ ...CHEESEBURGER, quantity: 3 }] });
    expect(reused.status).toBe(409);
    expect(await errorMessage(reused)).toMatch(/already used for a different order/);
    const again = (await (await post(server(), { idempotencyKey: 'reused-key-1', kioskId: 'k-a', lines: [CHEESEBURGER] })).json()) as OrderAck;
    expect(again.order.totalCents).toBe(599);
  });

  it('refuses a bad line with a 400 that names it, and stores nothing', async () => {
    const response = await post(server(), { idempotencyKey: 'bad-line-order', kioskId: 'k-a', lines: [CHEESEBURGER, { itemId: 'sushi', size: null, quantity: 1 }] });
    expect(response.status).toBe(400);
    expect(await errorMessage(response)).toBe('The order was refused: line 2: no menu item "sushi".');
    const notJson = await fetch(`${server().origin}/api/orders`, { method: 'POST', body: '{"lines": [' });
    expect(notJson.status).toBe(400);
    const stored = (await (await fetch(`${server().origin}/api/debug/orders`)).json()) as { orders: { idempotencyKey: string }[] };
    expect(stored.orders.some((order) => order.idempotencyKey === 'bad-line-order')).toBe(false);
  });

  it('refuses orders from a page on another origin', async () => {
    const response = await post(server(), { idempotencyKey: 'foreign-order', kioskId: 'k-a', lines: [CHEESEBURGER] }, { Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
  });

  it('feeds the kitchen a snapshot of open orders, then, resumed after a sequence number, only what came after', async () => {
    const [snapshot] = await readFeed(server(), '', 1);
    expect(snapshot?.event).toBe('snapshot');
    const { orders, lastSeq } = snapshot?.data as { orders: { id: number }[]; lastSeq: number };
    expect(orders.length).toBeGreaterThan(0);
    expect(snapshot?.id).toBe(String(lastSeq));

    const placed = (await (await post(server(), { idempotencyKey: 'after-snapshot', kioskId: 'k-a', lines: [CHEESEBURGER] })).json()) as OrderAck;
    const done = await fetch(`${server().origin}/api/kitchen/done`, { method: 'POST', body: JSON.stringify({ orderId: placed.order.id }) });
    expect(done.status).toBe(200);
    // Done twice is the same answer, and one event.
    expect((await fetch(`${server().origin}/api/kitchen/done`, { method: 'POST', body: JSON.stringify({ orderId: placed.order.id }) })).status).toBe(200);

    const resumed = await readFeed(server(), `?after=${lastSeq}`, 2);
    expect(resumed.map((event) => event.event)).toEqual(['created', 'done']);
    expect((resumed[0]?.data as KitchenEvent & { kind: 'created' }).order.id).toBe(placed.order.id);
    expect(Number(resumed[0]?.id)).toBe(lastSeq + 1);
    expect(Number(resumed[1]?.id)).toBe(lastSeq + 2);
    expect((await fetch(`${server().origin}/api/kitchen/done`, { method: 'POST', body: JSON.stringify({ orderId: 999_999 }) })).status).toBe(404);
  });
});

describe('the embedded store across a restart', () => {
  it('keeps the orders, applies no migration twice, and still knows every key', STORE_OPENS, async () => {
    const server = await startKioskProcess({ KIOSK_MODE: 'test', ORDERS_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      const again = await post(server, { idempotencyKey: 'raced-order-20', kioskId: 'k-race', lines: [CHEESEBURGER, { itemId: 'coke', size: 'large', modifiers: [], quantity: 1 }] });
      expect(again.status).toBe(200);
      expect(server.output()).toMatch(/"migrationsApplied":\[\]/);
    } finally {
      await server.stop();
    }
  });
});
