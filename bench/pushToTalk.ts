/**
 * Push-to-talk latency, the kiosk beside the naive design, in one run: blocks of presses
 * alternate between the two pages. Press is the pointerdown's own timestamp; "live" is the
 * kiosk's machine in `recording` with its microphone track enabled, or the naive page's
 * fresh getUserMedia track on the sender; release ends at `input_audio_buffer.commit` sent.
 */

import type { Browser, Page } from '@playwright/test';
import { clearProbe, waitForMark, firstMark, installProbe, readProbe } from './probe.ts';
import { spread, type Spread } from './stats.ts';

export interface PushToTalkResult {
  presses: number;
  kiosk: { pressToLive: Spread; releaseToCommit: Spread; postRollMs: number };
  naive: { pressToLive: Spread; releaseToCommit: Spread };
}

const BLOCK = 10;
const HOLD_MS = 200;
/** The kiosk keeps the microphone open this long after release, by design, before it commits. */
const KIOSK_POST_ROLL_MS = 300;

async function openKiosk(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext();
  await installProbe(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.locator('[data-testid="voice-status"][data-connection="ready"][data-turn="idle"]').waitFor();
  await page.evaluate(() => {
    const client = window.__voiceClient!;
    const bench = (window as unknown as { __bench: { mark: (name: string) => void } }).__bench;
    let live = false;
    client.subscribe((snapshot) => {
      const nowLive = JSON.stringify(snapshot.value).includes('"recording"') && client.microphoneTrack?.enabled === true;
      if (nowLive && !live) bench.mark('mic_live');
      live = nowLive;
    });
  });
  return page;
}

async function openNaive(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext();
  await installProbe(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/bench/floor.html?ptt=naive`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.evaluate(() => {
    const bench = (window as unknown as { __bench: { mark: (name: string) => void } }).__bench;
    window.addEventListener('bench:mic-live', () => bench.mark('mic_live'));
  });
  return page;
}

interface PressSample {
  pressToLive: number;
  releaseToCommit: number;
}

async function pressOnce(page: Page, button: string): Promise<PressSample> {
  await clearProbe(page);
  const target = page.locator(button);
  await target.hover();
  await page.mouse.down();
  await waitForMark(page, 'mic_live');
  await page.waitForTimeout(HOLD_MS);
  await page.mouse.up();
  await waitForMark(page, 'out:input_audio_buffer.commit');
  const reading = await readProbe(page);
  const down = firstMark(reading, 'pointerdown');
  const live = firstMark(reading, 'mic_live');
  const up = firstMark(reading, 'pointerup');
  const commit = firstMark(reading, 'out:input_audio_buffer.commit');
  if (down === undefined || live === undefined || up === undefined || commit === undefined) throw new Error('press marks missing');
  return { pressToLive: live - down, releaseToCommit: commit - up };
}

export async function measurePushToTalk(browser: Browser, baseUrl: string, presses: number): Promise<PushToTalkResult> {
  const kiosk = await openKiosk(browser, baseUrl);
  const naive = await openNaive(browser, baseUrl);
  const samples: Record<'kiosk' | 'naive', PressSample[]> = { kiosk: [], naive: [] };
  try {
    for (let done = 0; done < presses; done += BLOCK) {
      const count = Math.min(BLOCK, presses - done);
      await kiosk.bringToFront();
      for (let index = 0; index < count; index += 1) {
        samples.kiosk.push(await pressOnce(kiosk, '[data-testid="voice-order-button"]'));
        // The next press starts a fresh turn, not a barge-in on this one's reply.
        await kiosk.locator('[data-testid="voice-status"][data-turn="idle"]').waitFor({ timeout: 20_000 });
      }
      await naive.bringToFront();
      for (let index = 0; index < count; index += 1) {
        samples.naive.push(await pressOnce(naive, '#talk'));
        await naive.waitForTimeout(100);
      }
    }
  } finally {
    await kiosk.context().close();
    await naive.context().close();
  }
  return {
    presses,
    kiosk: {
      pressToLive: spread(samples.kiosk.map((sample) => sample.pressToLive)),
      releaseToCommit: spread(samples.kiosk.map((sample) => sample.releaseToCommit)),
      postRollMs: KIOSK_POST_ROLL_MS,
    },
    naive: {
      pressToLive: spread(samples.naive.map((sample) => sample.pressToLive)),
      releaseToCommit: spread(samples.naive.map((sample) => sample.releaseToCommit)),
    },
  };
}
