/**
 * Several kiosk servers, one order store: two server processes on one PostgreSQL (a
 * cluster this test starts from Debian's package, on loopback, in a temp folder). An
 * order spoken at a kiosk on one server appears on the kitchen display attached to the
 * other (LISTEN/NOTIFY), and one key raced across both servers is one row.
 */

import { expect, test } from '@playwright/test';
import type { OrderAck } from '../src/orders/orderTypes.ts';
import { FaultServer } from './faultServer.ts';
import { audioClip, chromiumWithMicrophone, sayClip, waitUntilReady } from './kiosk.ts';
import { newKey, storedOrders, ticket } from './orders.ts';
import { PostgresCluster } from './postgresCluster.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-confirm')) });
test.describe.configure({ mode: 'serial' });

const cluster = new PostgresCluster(5745);
let front: FaultServer;
let back: FaultServer;

test.beforeAll(async () => {
  cluster.start();
  front = new FaultServer(5702, { DATABASE_URL: cluster.url });
  back = new FaultServer(5703, { DATABASE_URL: cluster.url });
  // Both at once: they meet on the migration lock.
  await Promise.all([front.start(), back.start()]);
});

test.afterAll(async () => {
  await Promise.all([front?.stop(), back?.stop()]);
  cluster.stop();
  // Nothing of it is left running once the test is done.
  await expect.poll(() => cluster.running()).toBe(false);
});

test('an order confirmed at a kiosk on one server appears live on the kitchen display attached to the other', async ({ context }) => {
  const kitchen = await context.newPage();
  await kitchen.goto(`${back.url}/kitchen`);
  await expect(kitchen.locator('.kitchen__link--live')).toBeVisible();

  const kiosk = await context.newPage();
  await kiosk.goto(`${front.url}/?kiosk=front-pg`);
  await waitUntilReady(kiosk);
  await sayClip(kiosk, 'order-then-confirm', { phrase: 0 });
  await expect(kiosk.getByTestId('cart-total')).toHaveText('$5.99');
  await sayClip(kiosk, 'order-then-confirm', { phrase: 1 });
  await expect(kiosk.getByTestId('order-number')).toHaveText(/^Order \d+$/);
  const orderNumber = Number((await kiosk.getByTestId('order-number').textContent())?.replace('Order ', ''));

  const card = ticket(kitchen, orderNumber);
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Kiosk front-pg');
  await expect(card.getByTestId('kitchen-total')).toHaveText('$5.99');
  // Both servers read the same store.
  const seenByBack = (await storedOrders(kitchen.request, back.url)).filter((order) => order.kioskId === 'front-pg');
  expect(seenByBack).toHaveLength(1);
});

test('one key posted 20 times at once, half to each server, is one row', async ({ request }) => {
  const key = newKey('pg-race');
  const body = { idempotencyKey: key, kioskId: 'k-race', lines: [{ itemId: 'nuggets', size: null, modifiers: [], quantity: 2 }] };
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, index) => request.post(`${(index % 2 === 0 ? front : back).url}/api/orders`, { data: body })),
  );
  const statuses = responses.map((response) => response.status());
  expect(statuses.filter((status) => status === 201)).toHaveLength(1);
  expect(statuses.filter((status) => status === 200)).toHaveLength(19);
  const ids = new Set(await Promise.all(responses.map(async (response) => ((await response.json()) as OrderAck).order.id)));
  expect(ids.size).toBe(1);
  expect((await storedOrders(request, front.url)).filter((order) => order.idempotencyKey === key)).toHaveLength(1);
});
