/**
 * Connect timing in headless Chromium against the local server: for N page loads,
 * the time from the client's `connect` to `session.created`, and to ready.
 * Usage: npm run bench:connect [-- N]
 */

import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { audioClip, chromiumWithMicrophone } from '../e2e/kiosk.ts';
import { silence } from './make-speech-wavs.ts';
import { median } from '../src/voice/turnMetrics.ts';
import { startKioskServer } from './kioskServer.ts';

const runs = Number(process.argv[2] ?? 10);
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
silence('e2e/.artifacts/audio');
const server = await startKioskServer(5198);
const browser = await chromium.launch(chromiumWithMicrophone(audioClip('silence')));
const toCreated: number[] = [];
const toReady: number[] = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.locator('[data-testid="voice-status"][data-connection="ready"]').waitFor();
    const events = await page.evaluate(() => window.__voiceClient?.getEvents() ?? []);
    const connect = events.find((event) => event.type === 'connect')?.at;
    const created = events.find((event) => event.type === 'session.created')?.at;
    const updated = events.find((event) => event.type === 'session.updated')?.at;
    if (connect === undefined || created === undefined || updated === undefined) throw new Error('events missing');
    toCreated.push(created - connect);
    toReady.push(updated - connect);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`connects: ${runs}`);
console.log(`connect → session.created: median ${median(toCreated)} ms (all: ${toCreated.join(', ')})`);
console.log(`connect → session.updated (ready): median ${median(toReady)} ms (all: ${toReady.join(', ')})`);
