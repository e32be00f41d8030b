/** Helpers for the outage tests: a page's own record of when its connection changed, and the kiosk's cart. */

import { expect, type Page } from '@playwright/test';

export interface ConnectionChange {
  at: number;
  state: string;
}

/** Starts recording, in the page, each change of the connection state with its time (Date.now, shared with the test). */
export async function recordConnectionChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const client = window.__voiceClient;
    if (!client) throw new Error('window.__voiceClient is not installed');
    const changes: { at: number; state: string }[] = [];
    let last = client.getStatus().connectionState;
    changes.push({ at: Date.now(), state: last });
    client.subscribe(() => {
      const state = client.getStatus().connectionState;
      if (state !== last) changes.push({ at: Date.now(), state });
      last = state;
    });
    (window as unknown as { __connectionChanges: typeof changes }).__connectionChanges = changes;
  });
}

export async function connectionChanges(page: Page): Promise<ConnectionChange[]> {
  return page.evaluate(() => (window as unknown as { __connectionChanges: { at: number; state: string }[] }).__connectionChanges);
}

/** The cart as the screen shows it: item id → quantity. */
export async function cartOnScreen(page: Page): Promise<Record<string, string>> {
  const lines = page.getByTestId('cart-line');
  const cart: Record<string, string> = {};
  for (const line of await lines.all()) {
    const id = await line.getAttribute('data-item-id');
    if (id) cart[id] = (await line.getAttribute('data-quantity')) ?? '';
  }
  return cart;
}

export async function expectReady(page: Page, timeout: number): Promise<void> {
  await expect(page.getByTestId('voice-status').and(page.locator('[data-connection="ready"][data-turn="idle"]'))).toBeVisible({
    timeout,
  });
}
