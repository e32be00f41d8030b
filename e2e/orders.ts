/** Helpers for the order tests: what the server stored, orders posted as a kiosk would, the kitchen board. */

import type { APIRequestContext, Page } from '@playwright/test';
import type { KitchenSnapshot } from '../src/kitchen/kitchenConnection.ts';
import type { OrderOutbox } from '../src/orders/orderOutbox.ts';
import type { OrderLineRequest, StoredOrder } from '../src/orders/orderTypes.ts';

export type StoredWithKey = StoredOrder & { idempotencyKey: string };

/** Every order the server's store holds (test mode's `/api/debug/orders`). */
export async function storedOrders(request: APIRequestContext, baseUrl: string): Promise<StoredWithKey[]> {
  const response = await request.get(`${baseUrl}/api/debug/orders`);
  if (!response.ok()) throw new Error(`/api/debug/orders answered ${response.status()}`);
  return ((await response.json()) as { orders: StoredWithKey[] }).orders;
}

let keyCounter = 0;

/** A fresh idempotency key, as a kiosk makes one per confirmed order. */
export function newKey(label: string): string {
  keyCounter += 1;
  return `${label}-${Date.now().toString(36)}-${keyCounter}`;
}

export async function postOrder(
  request: APIRequestContext,
  baseUrl: string,
  key: string,
  lines: OrderLineRequest[],
  kioskId = 'e2e-kiosk',
): Promise<StoredOrder> {
  const response = await request.post(`${baseUrl}/api/orders`, { data: { idempotencyKey: key, kioskId, lines } });
  if (response.status() !== 201 && response.status() !== 200) throw new Error(`POST /api/orders answered ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { order: StoredOrder }).order;
}

/** The ticket for order `number` on the kitchen display. */
export function ticket(page: Page, number: number) {
  return page.locator(`[data-testid="kitchen-order"][data-order-number="${number}"]`);
}

export async function kitchenState(page: Page): Promise<KitchenSnapshot> {
  return page.evaluate(() => {
    const feed = window.__kitchenFeed;
    if (!feed) throw new Error('window.__kitchenFeed is not installed');
    return feed.getSnapshot();
  });
}

export async function openKitchenStreams(request: APIRequestContext, baseUrl: string): Promise<number> {
  const response = await request.get(`${baseUrl}/api/debug/kitchen`);
  return ((await response.json()) as { openStreams: number }).openStreams;
}

export async function outboxStatus(page: Page): Promise<ReturnType<OrderOutbox['getStatus']>> {
  return page.evaluate(() => {
    const outbox = window.__orderOutbox;
    if (!outbox) throw new Error('window.__orderOutbox is not installed');
    return outbox.getStatus();
  });
}

/** What the kiosk's outbox still holds unsent, by local number. */
export async function unsentAtKiosk(page: Page): Promise<string[]> {
  return (await outboxStatus(page)).unsent;
}
