/** The page-side instrument (probe.js) and how the bench reads it back. */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';

export interface Mark {
  name: string;
  /** performance.now() of the page: milliseconds since its navigation started. */
  at: number;
}

export interface Handling {
  type: string;
  at: number;
  ms: number;
}

export interface ProbeReading {
  marks: Mark[];
  handling: Handling[];
  timeOrigin: number;
}

const PROBE = readFileSync(resolve('bench/probe.js'), 'utf8');

export async function installProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PROBE });
}

export async function readProbe(page: Page): Promise<ProbeReading> {
  return page.evaluate(() => {
    const bench = (window as unknown as { __bench: ProbeReading }).__bench;
    return { marks: [...bench.marks], handling: [...bench.handling], timeOrigin: bench.timeOrigin };
  });
}

/** The first mark of that name at or after `from`. */
export function firstMark(reading: ProbeReading, name: string, from = 0): number | undefined {
  return reading.marks.find((mark) => mark.name === name && mark.at >= from)?.at;
}

export async function clearProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bench = (window as unknown as { __bench: ProbeReading }).__bench;
    bench.marks.length = 0;
    bench.handling.length = 0;
  });
}

/** Waits until the page has a mark of that name. */
export async function waitForMark(page: Page, name: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => (window as unknown as { __bench: { marks: { name: string }[] } }).__bench.marks.some((mark) => mark.name === wanted),
    name,
    { timeout },
  );
}
