/**
 * A confirmed order reaches the kitchen: spoken at the kiosk, stored by the server,
 * shown live on the kitchen display, priced from the menu; and the display keeps one
 * subscription and misses nothing when its connection drops.
 */

import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config.ts';
import { FaultServer } from './faultServer.ts';
import { audioClip, chromiumWithMicrophone, sayClip, waitUntilReady } from './kiosk.ts';
import type { StoredOrder } from '../src/orders/orderTypes.ts';
import { kitchenState, newKey, openKitchenStreams, postOrder, storedOrders, ticket, unsentAtKiosk } from './orders.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-confirm')) });

const BASE = `http://127.0.0.1:${E2E_PORT}`;
/** For people to look at: the kitchen display live and reconnecting. */
const SCREENSHOT_DIR = 'e2e/.artifacts/screenshots';

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
  await kiosk.screenshot({ path: `${SCREENSHOT_DIR}/kiosk-order-number.png` });
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
  await page.setViewportSize({ width: 1920, height: 1080 });
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
  await page.screenshot({ path: `${SCREENSHOT_DIR}/kitchen-reconnecting.png` });

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
  await page.screenshot({ path: `${SCREENSHOT_DIR}/kitchen-live-orders.png` });
});

test('a kitchen display the server refuses says so and does not retry in a loop', async ({ page }) => {
  // This server answers only for 127.0.0.1: a display opened as localhost is refused (403).
  const server = new FaultServer(5704, { ALLOWED_ORIGINS: 'http://127.0.0.1:5704' });
  await server.start();
  try {
    const streamRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/kitchen/stream')) streamRequests.push(request.url());
    });
    await page.goto('http://localhost:5704/kitchen?feed.retry=100&feed.retryCap=200');
    await expect(page.getByRole('alert')).toContainText('The order feed refused this display (403');
    // Twenty retry periods later, still the one request.
    await page.waitForTimeout(4_000);
    expect(streamRequests).toHaveLength(1);
    const state = await kitchenState(page);
    expect(state.link).toBe('refused');
    expect(state.reconnects).toBe(0);
  } finally {
    await server.stop();
  }
});
