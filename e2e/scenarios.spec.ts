/**
 * One smoke test per local-server fault scenario: the server does what the scenario
 * says, and the kiosk shows what it must and stays usable.
 */

import { expect, test, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, holdToTalk, sayClip, voiceStatus, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('cheeseburger')) });

const status = (page: Page) => page.getByTestId('voice-status');

async function expectRecordsAgain(page: Page): Promise<void> {
  const button = page.getByTestId('voice-order-button');
  await button.hover();
  await page.mouse.down();
  await expect(status(page)).toHaveAttribute('data-turn', 'recording');
  await page.mouse.up();
}

test('lost_session_created: ready without session.created', async ({ page }) => {
  await page.goto('/?scenario=lost_session_created');
  await waitUntilReady(page);
  const counters = (await voiceStatus(page)).counters;
  expect(counters.byType['session.created']).toBeUndefined();
  expect(counters.byType['session.updated']).toBe(1);
});

test('lost_item_created: the transcript shows though its item was never announced', async ({ page }) => {
  await page.goto('/?scenario=lost_item_created');
  await waitUntilReady(page);
  await sayClip(page, 'cheeseburger');
  await expect(page.getByTestId('user-transcript')).toHaveText("i'd like a cheeseburger");
  await expect(page.locator('[data-testid="cart-line"][data-item-id="cheeseburger"]')).toHaveCount(1);
  expect((await voiceStatus(page)).counters.orphanDeltas).toBeGreaterThan(0);
});

test('transcript_failed: says the words were not made out, and the answer still comes', async ({ page }) => {
  await page.goto('/?scenario=transcript_failed');
  await waitUntilReady(page);
  await holdToTalk(page, 800);
  await expect(status(page)).toHaveAttribute('data-notice', 'transcript_failed');
  await expect(page.getByTestId('assistant-reply')).toHaveAttribute('data-final', 'true');
  await expect(status(page)).toHaveAttribute('data-turn', 'idle');
  await expect(status(page)).toContainText("I couldn't make out the words");
  expect((await voiceStatus(page)).counters.byType['conversation.item.input_audio_transcription.failed']).toBe(1);
});

test('no_response: the turn times out with a reason and the next press records', async ({ page }) => {
  await page.goto('/?scenario=no_response&timeout.response=1500');
  await waitUntilReady(page);
  await holdToTalk(page, 800);
  await expect(status(page)).toHaveAttribute('data-turn', 'waiting_response');
  await expect(status(page)).toHaveAttribute('data-notice', 'no_response');
  await expect(status(page)).toContainText('did not answer in time');
  expect((await voiceStatus(page)).counters.byType['response.created']).toBeUndefined();
  await expectRecordsAgain(page);
});

test('slow_response: a response held back past the response timeout ends the turn with a reason', async ({ page }) => {
  await page.goto('/?scenario=slow_response:3000&timeout.response=1000');
  await waitUntilReady(page);
  await holdToTalk(page, 800);
  await expect(status(page)).toHaveAttribute('data-notice', 'no_response');
  // The client gave up and cancelled: the held-back response ends cancelled, never shown.
  await expect
    .poll(async () => (await page.evaluate(() => window.__voiceClient?.getEvents() ?? [])).find((event) => event.type === 'response.done')?.raw)
    .toContain('"status":"cancelled"');
  await expect(page.getByTestId('assistant-reply')).toHaveAttribute('data-final', 'false');
});

test('slow_response: a response under the timeout arrives as usual', async ({ page }) => {
  await page.goto('/?scenario=slow_response:1500');
  await waitUntilReady(page);
  await holdToTalk(page, 800);
  await expect(status(page)).toHaveAttribute('data-turn', 'waiting_response');
  await expect(page.getByTestId('assistant-reply')).toHaveAttribute('data-final', 'true');
  await expect(status(page)).toHaveAttribute('data-turn', 'idle');
  await expect(status(page)).toHaveAttribute('data-notice', '');
});

test('duplicate_events: nothing is doubled', async ({ page }) => {
  await page.goto('/?scenario=duplicate_events');
  await waitUntilReady(page);
  await sayClip(page, 'cheeseburger');
  await expect(page.getByTestId('assistant-reply')).toHaveText('A cheeseburger added. Anything else?');
  await expect(page.getByTestId('user-transcript')).toHaveText("i'd like a cheeseburger");
  await expect(page.locator('[data-testid="cart-line"][data-item-id="cheeseburger"]')).toHaveAttribute('data-quantity', '1');
  expect((await voiceStatus(page)).counters.duplicate).toBeGreaterThan(10);
});

test('out_of_order: deltas before their items still make the right transcript and reply', async ({ page }) => {
  await page.goto('/?scenario=out_of_order');
  await waitUntilReady(page);
  await sayClip(page, 'cheeseburger');
  await expect(page.getByTestId('user-transcript')).toHaveText("i'd like a cheeseburger");
  await expect(page.getByTestId('assistant-reply')).toHaveText('A cheeseburger added. Anything else?');
  expect((await voiceStatus(page)).counters.orphanDeltas).toBeGreaterThanOrEqual(2);
});

test('malformed_events: garbage and unknown types are counted and the turn completes', async ({ page }) => {
  await page.goto('/?scenario=malformed_events');
  await waitUntilReady(page);
  await holdToTalk(page, 800);
  await expect(page.getByTestId('assistant-reply')).toHaveAttribute('data-final', 'true');
  await expect(status(page)).toHaveAttribute('data-turn', 'idle');
  const counters = (await voiceStatus(page)).counters;
  expect(counters.malformed).toBeGreaterThan(3);
  expect(counters.unknown).toBeGreaterThan(3);
});

test('drop_channel_mid_turn: says the connection dropped, reconnects, and keeps the order', async ({ page }) => {
  await page.goto('/');
  await waitUntilReady(page);
  await sayClip(page, 'cheeseburger');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);

  await page.evaluate(() => {
    window.__voiceClient?.setScenario('drop_channel_mid_turn');
    window.__voiceClient?.forceReset();
    window.__voiceClient?.connect();
  });
  await waitUntilReady(page);
  await holdToTalk(page, 800);
  await expect(status(page)).toHaveAttribute('data-notice', 'connection_lost');
  await expect(status(page)).toContainText('The connection dropped');
  await waitUntilReady(page);
  expect((await voiceStatus(page)).counters.connections).toBe(3);
  await expect(page.locator('[data-testid="cart-line"][data-item-id="cheeseburger"]')).toHaveCount(1);
});

test('drop_peer_mid_response: says the connection dropped and reconnects', async ({ page }) => {
  await page.goto('/?scenario=drop_peer_mid_response');
  await waitUntilReady(page);
  await holdToTalk(page, 800);
  await expect(status(page)).toHaveAttribute('data-notice', 'connection_lost');
  await waitUntilReady(page);
  expect((await voiceStatus(page)).counters.connections).toBe(2);
});

test('token_expired: the refused token is explained and the button offers another try', async ({ page }) => {
  await page.goto('/?scenario=token_expired');
  await expect(status(page)).toHaveAttribute('data-notice', 'token_refused');
  await expect(status(page)).toContainText('refused to start a session');
  const button = page.getByTestId('voice-order-button');
  await expect(button).toHaveAttribute('data-mode', 'offline');
  // The retry is over in a few milliseconds (the refusal comes before any WebRTC work):
  // count the connections the page starts rather than watch for a passing state.
  const before = (await voiceStatus(page)).counters.connections;
  await button.click();
  await expect.poll(async () => (await voiceStatus(page)).counters.connections).toBe(before + 1);
  await expect(status(page)).toHaveAttribute('data-connection', 'offline');
  await expect(status(page)).toHaveAttribute('data-notice', 'token_refused');
});

test('session_error: an unreachable session endpoint is explained and the button offers another try', async ({ page }) => {
  await page.goto('/?scenario=session_error');
  await expect(status(page)).toHaveAttribute('data-notice', 'token_failed');
  await expect(status(page)).toContainText('unreachable');
  await expect(page.getByTestId('voice-order-button')).toHaveAttribute('data-mode', 'offline');
});

test('session_expired: says the session ended and reconnects by itself', async ({ page }) => {
  await page.goto('/?scenario=session_expired:1');
  await expect(status(page)).toHaveAttribute('data-notice', 'session_expired');
  await expect(status(page)).toContainText('The session ended');
  await expect.poll(async () => (await voiceStatus(page)).counters.connections).toBeGreaterThanOrEqual(2);
});
