/**
 * A confirmed order survives what a restaurant's server and kiosks go through: the
 * server killed (SIGKILL) after storing the order but before answering, and back 10 s
 * later; the kiosk page reloaded before the answer. Each time the order reaches the
 * store exactly once. The server holds every answer back 4 s after storing the order
 * (ORDERS_ACK_DELAY_MS, test mode), so the test can act inside that window.
 */

import { expect, test, type Page } from '@playwright/test';
import { FaultServer } from './faultServer.ts';
import { audioClip, chromiumWithMicrophone, sayClip, waitUntilReady } from './kiosk.ts';
import { outboxStatus, storedOrders, unsentAtKiosk } from './orders.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-confirm')) });
test.describe.configure({ mode: 'serial' });

const server = new FaultServer(5701, { ORDERS_ACK_DELAY_MS: '4000' });
// Two spoken phrases, a deliberate 10 s outage, a restart and a held answer: more than the default minute on a busy machine.
test.setTimeout(120_000);
const PAGE_OPTIONS = 'orders.retry=300&orders.retryCap=2000&timeout.reconnect=300&timeout.reconnectCap=2000&kiosk.confirmedReset=120000';

test.beforeAll(async () => {
  await server.start();
});

test.afterAll(async () => {
  await server.stop();
});

async function confirmSpokenOrder(page: Page): Promise<void> {
  await waitUntilReady(page);
  await sayClip(page, 'order-then-confirm', { phrase: 0 });
  await expect(page.getByTestId('cart-total')).toHaveText('$5.99');
  await sayClip(page, 'order-then-confirm', { phrase: 1 });
  await expect(page.getByTestId('order-confirmed')).toBeVisible();
}

async function ordersOf(page: Page, kioskId: string) {
  return (await storedOrders(page.request, server.url)).filter((order) => order.kioskId === kioskId);
}

test('the server killed after storing the order but before answering, restarted 10 s later: the order arrives exactly once, and the next customer need not wait', async ({ page }) => {
  await page.goto(`${server.url}/?kiosk=kill-1&${PAGE_OPTIONS}`);
  await confirmSpokenOrder(page);
  await expect(page.getByTestId('order-delivery')).toHaveText('Sending your order…');
  // Stored, and the answer is still being held back: now the server dies.
  await expect.poll(async () => (await ordersOf(page, 'kill-1')).length).toBe(1);
  const [stored] = await ordersOf(page, 'kill-1');
  await server.kill('SIGKILL');

  const delivery = page.getByTestId('order-delivery');
  await expect(delivery).toContainText('Your order is saved and will be sent — please tell the counter: order K-');
  const localNumber = await page.getByTestId('local-order-number').textContent();
  await page.screenshot({ path: 'e2e/.artifacts/screenshots/kiosk-order-saved.png' });
  expect(await unsentAtKiosk(page)).toEqual([localNumber]);

  // The next customer starts while the order waits in the outbox.
  await page.getByRole('button', { name: 'Start a new order' }).click();
  await expect(page.getByTestId('order-confirmed')).toHaveCount(0);
  expect(await unsentAtKiosk(page)).toEqual([localNumber]);

  await page.waitForTimeout(10_000);
  await server.start();
  // This page's retry got the answer: the order the server stored before it died.
  await expect.poll(async () => (await outboxStatus(page)).acknowledged, { timeout: 20_000 }).toEqual([localNumber]);
  expect(await unsentAtKiosk(page)).toEqual([]);
  const after = await ordersOf(page, 'kill-1');
  expect(after).toHaveLength(1);
  expect(after[0]?.id).toBe(stored?.id);
  expect(after[0]?.totalCents).toBe(599);
});

test('the kiosk page reloaded before the server answered: the reloaded page sends the saved order first, and it is stored once', async ({ page }) => {
  await page.goto(`${server.url}/?kiosk=reload-1&${PAGE_OPTIONS}`);
  await confirmSpokenOrder(page);
  await expect.poll(async () => (await ordersOf(page, 'reload-1')).length).toBe(1);
  const unsent = await unsentAtKiosk(page);
  expect(unsent).toHaveLength(1);
  await page.reload();

  // The new page found it in IndexedDB and sent it again; the server knew the key.
  await expect.poll(async () => (await outboxStatus(page)).acknowledged, { timeout: 20_000 }).toEqual(unsent);
  expect(await unsentAtKiosk(page)).toEqual([]);
  const after = await ordersOf(page, 'reload-1');
  expect(after).toHaveLength(1);
  expect(after[0]?.totalCents).toBe(599);
  await waitUntilReady(page);
  await expect(page.getByTestId('attract')).toBeVisible();
});
