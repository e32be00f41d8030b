/**
 * The real faults: a kiosk server process of the test's own is killed (SIGTERM and
 * SIGKILL) and started again on the same port, with the kiosk idle with an order in the
 * cart or in the middle of a turn. The kiosk must be ready again by itself, within its
 * reconnect schedule plus 2 s of the server being back (and of it noticing the drop),
 * with the cart as it was. The schedule is shortened through the page address.
 */

import { expect, test, type Page } from '@playwright/test';
import { FaultServer } from './faultServer.ts';
import { audioClip, chromiumWithMicrophone, sayClip, waitUntilReady } from './kiosk.ts';
import { cartOnScreen, connectionChanges, expectReady, recordConnectionChanges } from './outage.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-remove')) });

const RECONNECT_MS = 300;
const RECONNECT_CAP_MS = 2_000;
/** However far along the schedule a kiosk is, its next try comes within the cap. */
const READY_BOUND_MS = RECONNECT_CAP_MS + 2_000;
/** Chromium notices a killed peer only when ICE consent fails: give that its own time. */
const NOTICE_BOUND_MS = 20_000;

const server = new FaultServer(5212);

/**
 * One kiosk through a day of outages, in order: the order is spoken once, and every
 * restart after it must leave it as it was.
 */
test.describe.configure({ mode: 'serial' });

let page: Page;
let cart: Record<string, string>;

test.beforeAll(async ({ browser }) => {
  await server.start();
  page = await browser.newPage();
  await page.goto(`${server.url}/?timeout.reconnect=${RECONNECT_MS}&timeout.reconnectCap=${RECONNECT_CAP_MS}`);
  await waitUntilReady(page);
  await sayClip(page, 'order-then-remove', { phrase: 0 });
  await expect(page.locator('[data-testid="cart-line"][data-item-id="cheeseburger"]')).toHaveAttribute('data-quantity', '2');
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  cart = await cartOnScreen(page);
});

test.afterAll(async () => {
  await page?.close();
  await server.stop();
});

async function resources(page: Page) {
  return page.evaluate(() => window.__voiceClient?.getResources());
}

/**
 * Kills the server, keeps it away for `downMs`, starts it again, and checks the kiosk came
 * back by itself within the bound; returns how long it took after the server was back.
 */
async function restartUnder(page: Page, signal: 'SIGTERM' | 'SIGKILL', downMs: number): Promise<number> {
  await recordConnectionChanges(page);
  const killedAt = Date.now();
  await server.kill(signal);
  // The outage itself: the server is away this long, whatever the kiosk does.
  await page.waitForTimeout(Math.max(0, killedAt + downMs - Date.now()));
  await server.start();
  const backAt = Date.now();
  // The kiosk must have noticed the drop before it can come back from it.
  await expect
    .poll(async () => (await connectionChanges(page)).some((change) => change.state === 'offline'), { timeout: NOTICE_BOUND_MS })
    .toBe(true);
  const changes = await connectionChanges(page);
  const lostAt = changes.find((change) => change.state === 'offline')?.at ?? backAt;
  const bound = Math.max(backAt, lostAt) + READY_BOUND_MS - Date.now();
  await expectReady(page, Math.max(1, bound));
  const readyAt = (await connectionChanges(page)).findLast((change) => change.state === 'ready')?.at ?? Date.now();
  console.log(`${signal}, down ${downMs} ms: noticed ${lostAt - killedAt} ms after the kill, ready ${readyAt - backAt} ms after the server was back`);
  return readyAt - backAt;
}

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(`${signal} while idle with an order: back after 3 s, ready by itself with the cart intact`, async () => {
    await expectReady(page, READY_BOUND_MS);
    const before = await resources(page);
    await restartUnder(page, signal, 3_000);
    expect(await cartOnScreen(page)).toEqual(cart);
    await expect(page.getByTestId('attract')).toHaveCount(0);
    // Nothing the outage made (countdown timers, peers, tracks) outlives it.
    await expect.poll(() => resources(page)).toEqual(before);
    // And the kiosk is usable: a press records.
    await page.getByTestId('voice-order-button').hover();
    await page.mouse.down();
    await expect(page.getByTestId('voice-status')).toHaveAttribute('data-turn', 'recording');
    await page.mouse.up();
    await expectReady(page, 15_000);
  });

  test(`${signal} mid-turn: the lost turn is told after recovery, the cart is intact`, async () => {
    await expectReady(page, 15_000);
    const button = page.getByTestId('voice-order-button');
    await button.hover();
    await page.mouse.down();
    await expect(page.getByTestId('voice-status')).toHaveAttribute('data-turn', 'recording');
    const recovery = restartUnder(page, signal, 3_000);
    await page.waitForTimeout(500);
    await page.mouse.up();
    await recovery;
    await expect(page.getByTestId('voice-status')).toHaveAttribute('data-notice', 'turn_lost');
    await expect(page.getByTestId('voice-status')).toContainText('Sorry, I lost what you said');
    expect(await cartOnScreen(page)).toEqual(cart);
  });
}

test('a long outage (many times the cap): still retrying, cart intact, ready when the server returns', async () => {
  // A 2-minute outage against a 30 s cap is four caps: here 12 s against a 2 s cap is six.
  const cap = RECONNECT_CAP_MS;
  await expectReady(page, 15_000);
  let tokenRequests = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/session')) tokenRequests += 1;
  });
  await recordConnectionChanges(page);
  await server.kill('SIGTERM');
  await expect(page.getByTestId('connection-banner')).toContainText(/Reconnecting in \d+ s…|Reconnecting…/);
  const killedAt = Date.now();
  await page.waitForTimeout(12_000);
  // Still at it: well over half the caps that passed saw a try, and the countdown still runs.
  expect(tokenRequests).toBeGreaterThanOrEqual(Math.floor((Date.now() - killedAt) / cap / 2));
  await expect(page.getByTestId('voice-order-button')).toHaveAccessibleName(/Tap to try now|Connecting/);
  expect(await cartOnScreen(page)).toEqual(cart);
  await server.start();
  const backAt = Date.now();
  await expectReady(page, cap + 2_000);
  const readyAt = (await connectionChanges(page)).findLast((change) => change.state === 'ready')?.at ?? Date.now();
  console.log(`12 s outage: ${tokenRequests} token requests while down, ready ${readyAt - backAt} ms after the server was back`);
  expect(await cartOnScreen(page)).toEqual(cart);
  await expect(page.getByTestId('attract')).toHaveCount(0);
});

test('offline: the status says it waits for the network, and online reconnects at once', async () => {
  await expectReady(page, 15_000);
  const context = page.context();
  await context.setOffline(true);
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveAttribute('data-reason', 'network_offline');
  await expect(banner).toContainText('Waiting for the network to come back…');
  await expect(page.getByTestId('voice-status')).toHaveAttribute('data-connection', 'offline');
  // No timer is left to bring it back: only the network's return can.
  expect(await page.evaluate(() => window.__voiceClient?.getSnapshot().context.reconnectSchedule)).toBeNull();
  await context.setOffline(false);
  await expectReady(page, READY_BOUND_MS);
  const events = await page.evaluate(() => window.__voiceClient?.getEvents().map((event) => event.type) ?? []);
  expect(events).toContain('network_online');
  expect(await cartOnScreen(page)).toEqual(cart);
});
