/**
 * Soak: one page, many short push-to-talk turns and forced reconnects against the local
 * server. After forced garbage collection the JS heap must not grow between an early
 * turn and the last; what the client holds open (its own counts: timers, listeners,
 * peers, tracks, audio elements) must be back where it started, and so must the
 * server's open calls once the page has closed.
 *
 * CI runs 50 turns and 5 reconnects; `npm run soak` runs 500 and 50 (SOAK_TURNS,
 * SOAK_RECONNECTS). Figures are printed; the heap per turn is written to
 * e2e/.artifacts/soak/ as CSV and SVG.
 */

import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, holdToTalk, serverCalls, voiceStatus, waitUntilReady } from './kiosk.ts';
import { writeHeapPlot, type HeapSample } from './soakPlot.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('silence')) });

const TURNS = Number(process.env.SOAK_TURNS ?? 50);
const RECONNECTS = Number(process.env.SOAK_RECONNECTS ?? 5);
/** The heap is compared from this turn on: the first turns warm caches and JIT code. */
const FROM_TURN = Math.max(1, Math.round(TURNS / 5));
/** Bounded logs and rings fill within the first turns; past them nothing may keep growing. */
const HEAP_GROWTH_LIMIT_BYTES = 1_048_576;
/** A press this long of silence is committed and transcribed to nothing: a whole turn, quickly. */
const PRESS_MS = 250;

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usage.usedSize;
}

async function resources(page: Page) {
  return page.evaluate(() => window.__voiceClient?.getResources());
}

async function openCalls(page: Page): Promise<number> {
  return (await serverCalls(page)).filter((call) => call.open).length;
}

test(`soak: ${TURNS} turns and ${RECONNECTS} forced reconnects leave the heap, the client's resources and the server's calls where they started`, async ({
  page,
}) => {
  test.setTimeout(60_000 + TURNS * 3_000);
  const callsBefore = await openCalls(page);
  await page.goto('/?timeout.transcript=3000');
  await waitUntilReady(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const baseline = await resources(page);
  const reconnectEvery = RECONNECTS > 0 ? Math.floor(TURNS / RECONNECTS) : Infinity;
  const samples: HeapSample[] = [];

  for (let turn = 1; turn <= TURNS; turn += 1) {
    await holdToTalk(page, PRESS_MS);
    await expect(page.getByTestId('voice-status')).toHaveAttribute('data-turn', 'idle');
    if (turn % reconnectEvery === 0) {
      // A second connect while the first is under way must not open a second connection.
      await page.evaluate(() => {
        window.__voiceClient?.forceReset();
        window.__voiceClient?.connect();
        window.__voiceClient?.connect();
      });
      await waitUntilReady(page);
    }
    samples.push({ turn, usedBytes: await heapAfterGc(cdp) });
  }

  const status = await voiceStatus(page);
  const after = await resources(page);
  const heapAt = (turn: number) => samples.find((sample) => sample.turn === turn)?.usedBytes ?? NaN;
  const growth = heapAt(TURNS) - heapAt(FROM_TURN);
  const plot = writeHeapPlot('e2e/.artifacts/soak', samples, `JS heap after GC, ${TURNS} turns, ${RECONNECTS} reconnects`);
  console.log(
    [
      `soak: ${TURNS} turns, ${RECONNECTS} forced reconnects, ${status.counters.connections} connections`,
      `heap after GC: turn ${FROM_TURN} ${heapAt(FROM_TURN)} B, turn ${TURNS} ${heapAt(TURNS)} B, growth ${growth} B`,
      `resources before ${JSON.stringify(baseline)}`,
      `resources after  ${JSON.stringify(after)}`,
      `plot: ${plot.svg}, ${plot.csv}`,
    ].join('\n'),
  );

  expect(status.counters.connections).toBe(1 + RECONNECTS);
  expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);
  await expect.poll(() => resources(page)).toEqual(baseline);

  await page.close({ runBeforeUnload: true });
  const probe = await page.context().newPage();
  await expect.poll(() => openCalls(probe), { timeout: 30_000 }).toBe(callsBefore);
  console.log(`server open calls: ${callsBefore} before the page, ${await openCalls(probe)} after it closed`);
});
