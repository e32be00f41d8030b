/**
 * Connect timing for three pages against the same server, interleaved: each repetition
 * loads the floor, the kiosk and the SDK page in a rotating order, each in a fresh browser
 * context (empty cache, a first boot). Marks come from the same probe on every page.
 */

import type { Browser } from '@playwright/test';
import { firstMark, installProbe, readProbe } from './probe.ts';
import { spread, type Spread } from './stats.ts';

export const CONNECT_PAGES = ['floor', 'kiosk', 'sdk'] as const;
export type ConnectPage = (typeof CONNECT_PAGES)[number];

export interface ConnectSample {
  /** navigation → `session.created` arrives. */
  navigationToCreated: number;
  navigationToReady: number;
  /** The page's first token request (its connect call) → `session.created`. */
  connectToCreated: number;
  connectToReady: number;
  navigationToConnect: number;
  /** The first paint with content: when the page first shows anything (the kiosk: its screen). */
  navigationToFirstPaint: number;
}

export type ConnectResult = Record<ConnectPage, Record<keyof ConnectSample, Spread>>;

const PATHS: Record<ConnectPage, string> = {
  floor: '/bench/floor.html',
  kiosk: '/',
  sdk: '/bench/sdk.html',
};

async function loadOnce(browser: Browser, baseUrl: string, which: ConnectPage): Promise<ConnectSample> {
  const context = await browser.newContext();
  try {
    await installProbe(context);
    const page = await context.newPage();
    await page.goto(baseUrl + PATHS[which]);
    // Ready is the page's own word: session.updated has arrived and been handled.
    await page.waitForFunction(() => {
      const marks = (window as unknown as { __bench: { marks: { name: string }[] } }).__bench.marks;
      return marks.some((mark) => mark.name === 'in:session.updated');
    }, undefined, { timeout: 20_000 });
    const reading = await readProbe(page);
    const firstPaint = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    );
    const connect = firstMark(reading, 'token_request');
    const created = firstMark(reading, 'in:session.created');
    const ready = firstMark(reading, 'in:session.updated');
    if (connect === undefined || created === undefined || ready === undefined) {
      throw new Error(`${which}: marks missing (${reading.marks.map((mark) => mark.name).join(', ')})`);
    }
    return {
      navigationToCreated: created,
      navigationToReady: ready,
      connectToCreated: created - connect,
      connectToReady: ready - connect,
      navigationToConnect: connect,
      navigationToFirstPaint: firstPaint,
    };
  } finally {
    await context.close();
  }
}

export async function measureConnect(browser: Browser, baseUrl: string, repetitions: number): Promise<ConnectResult> {
  const samples: Record<ConnectPage, ConnectSample[]> = { floor: [], kiosk: [], sdk: [] };
  // One unmeasured round first: the server's first call pays for module loading and JIT.
  for (const which of CONNECT_PAGES) await loadOnce(browser, baseUrl, which);
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    for (let offset = 0; offset < CONNECT_PAGES.length; offset += 1) {
      const which = CONNECT_PAGES[(repetition + offset) % CONNECT_PAGES.length]!;
      samples[which].push(await loadOnce(browser, baseUrl, which));
    }
  }
  const summarise = (list: ConnectSample[]) =>
    Object.fromEntries(
      (Object.keys(list[0]!) as (keyof ConnectSample)[]).map((key) => [key, spread(list.map((sample) => sample[key]))]),
    ) as Record<keyof ConnectSample, Spread>;
  return { floor: summarise(samples.floor), kiosk: summarise(samples.kiosk), sdk: summarise(samples.sdk) };
}
