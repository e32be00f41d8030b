/**
 * Eight kiosks in one browser across a server restart: their retries must not come in
 * step (the incident: eight retries within 94 ms, and none connected after a 2.8 s
 * restart), and all eight must reconnect by themselves.
 */

import { expect, test, type Page } from '@playwright/test';
import { FaultServer } from './faultServer.ts';
import { audioClip, chromiumWithMicrophone, waitUntilReady } from './kiosk.ts';
import { connectionChanges, expectReady, recordConnectionChanges } from './outage.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('silence')) });

const KIOSKS = 8;
const RECONNECT_MS = 2_000;
const RECONNECT_CAP_MS = 4_000;
/** The first retry is drawn between half and all of the first pause. */
const JITTER_WINDOW_MS = RECONNECT_MS / 2;
const RESTART_MS = 2_800;

const server = new FaultServer(5213);

test.afterEach(async () => {
  await server.stop();
});

test(`${KIOSKS} kiosks across a ${RESTART_MS} ms restart: retries spread over the jitter window, all reconnect`, async ({ browser }) => {
  test.setTimeout(90_000);
  await server.start();
  const context = await browser.newContext();
  // Each page notes when its client asks for a token, by its own clock. Playwright's request
  // events reach this process late and together when it is busy: two of eight retries once
  // arrived at the same millisecond and the spread measured 178 ms.
  await context.addInitScript(() => {
    const requests: number[] = [];
    (window as unknown as { __sessionRequests: number[] }).__sessionRequests = requests;
    const fetchFromPage = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (new URL(url, window.location.href).pathname === '/api/session') requests.push(Date.now());
      return fetchFromPage(input, init);
    };
  });
  const pages: Page[] = [];
  const tokensGranted = new Map<Page, number[]>();
  for (let index = 0; index < KIOSKS; index += 1) {
    const page = await context.newPage();
    tokensGranted.set(page, []);
    page.on('response', (response) => {
      if (response.url().endsWith('/api/session') && response.ok()) tokensGranted.get(page)?.push(Date.now());
    });
    await page.goto(`${server.url}/?timeout.reconnect=${RECONNECT_MS}&timeout.reconnectCap=${RECONNECT_CAP_MS}`);
    pages.push(page);
  }
  for (const page of pages) {
    await waitUntilReady(page);
    await recordConnectionChanges(page);
  }

  const killedAt = Date.now();
  await server.kill('SIGTERM');
  await Promise.all(pages.map((page) => expect(page.getByTestId('voice-status')).toHaveAttribute('data-connection', 'offline')));
  await pages[0]?.waitForTimeout(Math.max(0, killedAt + RESTART_MS - Date.now()));
  // A retry can be answered between the server listening and start() returning: its token
  // counts from the moment the restart began (once, none was found after backAt).
  const startingAt = Date.now();
  await server.start();
  const backAt = Date.now();
  // However far along its schedule, each kiosk's next try comes within the cap.
  for (const page of pages) await expectReady(page, Math.max(1, backAt + RECONNECT_CAP_MS + 2_000 - Date.now()));

  const firstRetries: number[] = [];
  const firstGranted: number[] = [];
  for (const page of pages) {
    const lostAt = (await connectionChanges(page)).find((change) => change.state === 'offline')?.at ?? killedAt;
    const requests = await page.evaluate(() => (window as unknown as { __sessionRequests: number[] }).__sessionRequests);
    const retry = requests.find((at) => at > lostAt);
    const granted = tokensGranted.get(page)?.find((at) => at > startingAt);
    expect(retry).toBeDefined();
    expect(granted).toBeDefined();
    firstRetries.push((retry ?? 0) - killedAt);
    firstGranted.push((granted ?? 0) - backAt);
  }
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  console.log(
    [
      `first retries after the kill (ms): ${firstRetries.sort((a, b) => a - b).join(', ')}; spread ${spread(firstRetries)} ms`,
      `first tokens from the restarted server, after it was back (ms): ${firstGranted.sort((a, b) => a - b).join(', ')}; spread ${spread(firstGranted)} ms`,
    ].join('\n'),
  );
  // Eight draws from the window span 7/9 of it on average; under a quarter happens once
  // in about 2,600 runs. Retries in step (the incident) span a few ms.
  expect(spread(firstRetries)).toBeGreaterThanOrEqual(JITTER_WINDOW_MS / 4);
  // Each kiosk drew its own pause: no two first retries in the same instant.
  expect(new Set(await Promise.all(pages.map((page) => page.evaluate(() => window.__voiceClient?.getSnapshot().context.jitterSeed)))).size).toBe(KIOSKS);
  await context.close();
});
