/**
 * A confirmed order reaches the kitchen: spoken at the kiosk, stored by the server,
 * shown live on the kitchen display, priced from the menu; and the display keeps one
 * subscription and misses nothing when its connection drops.
 */

import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config.ts';
import { audioClip, chromiumWithMicrophone, sayClip, waitUntilReady } from './kiosk.ts';
import type { StoredOrder } from '../src/orders/orderTypes.ts';
import { kitchenState, newKey, openKitchenStreams, postOrder, storedOrders, ticket, unsentAtKiosk } from './orders.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-confirm')) });

const BASE = `http://127.0.0.1:${E2E_PORT}`;

test('a spoken order, once confirmed, shows its number at the kiosk and appears on the kitchen display, priced from the menu', async ({ context, request }) => {
  const kitchen = await context.newPage();
  await kitchen.goto('/kitchen');
  await expect(kitchen.locator('.kitchen__link--live')).toBeVisible();

  const kiosk = await context.newPage();
  await kiosk.goto('/?kiosk=front-1');
  await waitUntilReady(kiosk);
  await sayClip(kiosk, 'order-then-confirm', { phrase: 0 });
  await expect(kiosk.getByTestId('cart-total')).toHaveText('$5.99');
  await sayClip(kiosk, 'order-then-confirm', { phrase: 1 });
  await expect(kiosk.getByTestId('order-confirmed')).toBeVisible();
  const number = kiosk.getByTestId('order-number');
  await expect(number).toHaveText(/^Order \d+$/);
  const shownAt = Date.now();
  const orderNumber = Number((await number.textContent())?.replace('Order ', ''));

  // Live: the display was open before the order and is not reloaded.
  const card = ticket(kitchen, orderNumber);
  await expect(card).toHaveCount(1);
  console.log(`kiosk number shown → kitchen ticket: ${Date.now() - shownAt} ms`);
  await expect(card).toContainText('1 × Cheeseburger');
  await expect(card).toContainText('Kiosk front-1');
  await expect(card.getByTestId('kitchen-total')).toHaveText('$5.99');

  const stored = (await storedOrders(request, BASE)).filter((order) => order.number === orderNumber && order.kioskId === 'front-1');
  expect(stored).toHaveLength(1);
  expect(stored[0]?.totalCents).toBe(599);
  // The outbox let go of it once acknowledged.
  expect(await unsentAtKiosk(kiosk)).toEqual([]);

  // Done removes it from the board; it stays stored, marked done.
  await card.getByRole('button', { name: 'Done' }).click();
  await expect(card).toHaveCount(0);
  const done = (await storedOrders(request, BASE)).find((order) => order.id === stored[0]?.id);
  expect(done?.doneAtMs).not.toBeNull();
});

test('the kitchen display holds exactly one stream under StrictMode and its once-a-second re-renders', async ({ page, request }) => {
  await page.goto('/kitchen');
  await expect(page.locator('.kitchen__link--live')).toBeVisible();
  // Ages tick every second: a few seconds is a few StrictMode render cycles.
  await page.waitForTimeout(3_000);
  expect((await kitchenState(page)).streamsOpened).toBe(1);
  expect(await openKitchenStreams(request, BASE)).toBe(1);
  await page.close();
  await expect.poll(() => openKitchenStreams(request, BASE)).toBe(0);
});

test('three orders placed while the kitchen display is cut off are all shown, once each, after it reconnects', async ({ page, request }) => {
  await page.goto('/kitchen?feed.retry=300&feed.retryCap=1000');
  await expect(page.locator('.kitchen__link--live')).toBeVisible();
  const before = await kitchenState(page);

  // The server cuts the stream and turns the display away for 3 s.
  const drop = await request.post(`${BASE}/api/debug/kitchen/drop?holdMs=3000`);
  expect(((await drop.json()) as { dropped: number }).dropped).toBe(1);
  await expect(page.locator('.kitchen__link--reconnecting')).toBeVisible();

  const lines = [
    [{ itemId: 'fries', size: 'large' as const, modifiers: [], quantity: 1 }],
    [{ itemId: 'milkshake', size: 'small' as const, modifiers: ['chocolate'], quantity: 2 }],
    [{ itemId: 'hamburger', size: null, modifiers: ['bacon', 'no_onions'], quantity: 1 }],
  ];
  const placed: StoredOrder[] = [];
  for (const order of lines) placed.push(await postOrder(request, BASE, newKey('drop'), order));
  expect((await kitchenState(page)).link).not.toBe('live');

  await expect(page.locator('.kitchen__link--live')).toBeVisible({ timeout: 15_000 });
  for (const order of placed) await expect(ticket(page, order.number)).toHaveCount(1);
  await expect(ticket(page, placed[1]!.number)).toContainText('2 × small Milkshake — Chocolate');
  await expect(ticket(page, placed[1]!.number).getByTestId('kitchen-total')).toHaveText('$7.98');
  await expect(ticket(page, placed[2]!.number)).toContainText('Bacon, No onions');

  const after = await kitchenState(page);
  expect(after.reconnects).toBeGreaterThan(before.reconnects);
  expect(after.orders.filter((order) => placed.some((p) => p.id === order.id))).toHaveLength(3);
  // Resumed, not restarted: no second snapshot, one stream open on the server.
  expect(await openKitchenStreams(request, BASE)).toBe(1);
  await expect(page.getByTestId('kitchen-debug')).toContainText(`reconnects ${after.reconnects}`);
});
