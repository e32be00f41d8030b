/**
 * Connect timing in headless Chromium against the local server: for N page loads,
 * the time from the client's `connect` to `session.created`, and to ready.
 *
 * Usage: npm run bench:connect [-- N] [--dtls active,passive]
 *   --dtls starts one server per REALTIME_DTLS_SETUP value and interleaves their page
 *   loads (a, b, a, b, …) so both see the same machine; it prints each one's medians
 *   and their ratio. BENCH_PORT (5198) is the first server's port, the next ones follow.
 */

import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { audioClip, chromiumWithMicrophone } from '../e2e/kiosk.ts';
import { silence } from './make-speech-wavs.ts';
import { median } from '../src/voice/turnMetrics.ts';
import { startKioskServer, type RunningServer } from './kioskServer.ts';

const args = process.argv.slice(2);
const dtlsFlag = args.indexOf('--dtls');
const setups = dtlsFlag >= 0 ? (args[dtlsFlag + 1] ?? '').split(',').filter(Boolean) : [''];
const runs = Number(args.find((arg, index) => /^\d+$/.test(arg) && index !== dtlsFlag + 1) ?? 10);
const firstPort = Number(process.env.BENCH_PORT ?? 5198);

interface Variant {
  name: string;
  server: RunningServer;
  toCreated: number[];
  toReady: number[];
}

async function measure(browser: Browser, variant: Variant): Promise<void> {
  const page = await browser.newPage();
  await page.goto(variant.server.url);
  await page.locator('[data-testid="voice-status"][data-connection="ready"]').waitFor();
  const events = await page.evaluate(() => window.__voiceClient?.getEvents() ?? []);
  const connect = events.find((event) => event.type === 'connect')?.at;
  const created = events.find((event) => event.type === 'session.created')?.at;
  const updated = events.find((event) => event.type === 'session.updated')?.at;
  if (connect === undefined || created === undefined || updated === undefined) throw new Error('events missing');
  variant.toCreated.push(created - connect);
  variant.toReady.push(updated - connect);
  await page.close();
}

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
silence('e2e/.artifacts/audio');
const variants: Variant[] = [];
for (const [index, setup] of setups.entries()) {
  const server = await startKioskServer(firstPort + index, setup ? { REALTIME_DTLS_SETUP: setup } : {});
  variants.push({ name: setup || 'default', server, toCreated: [], toReady: [] });
}
const browser = await chromium.launch(chromiumWithMicrophone(audioClip('silence')));
try {
  // One warm-up load each: the first page of a browser pays for its own start-up.
  for (const variant of variants) await measure(browser, variant);
  for (const variant of variants) variant.toCreated.length = variant.toReady.length = 0;
  for (let run = 0; run < runs; run += 1) for (const variant of variants) await measure(browser, variant);
} finally {
  await browser.close();
  for (const variant of variants) await variant.server.stop();
}
console.log(`connects: ${runs} per variant, interleaved`);
for (const variant of variants) {
  console.log(`[${variant.name}] connect → session.created: median ${median(variant.toCreated)} ms (all: ${variant.toCreated.join(', ')})`);
  console.log(`[${variant.name}] connect → session.updated (ready): median ${median(variant.toReady)} ms (all: ${variant.toReady.join(', ')})`);
}
const [first, second] = variants;
if (first && second) {
  const ratio = (median(second.toCreated) ?? Number.NaN) / (median(first.toCreated) ?? Number.NaN);
  console.log(`session.created median, ${second.name} / ${first.name}: ${ratio.toFixed(2)}`);
}
