/**
 * Does a press just before speaking lose the first word? Presses the button `lead` ms
 * before the fake microphone's phrase starts, for several leads, and prints what the
 * server heard each time. A customer presses and speaks at once: the first word must survive.
 * Usage: npm run probe:press-lead  (PROBE_LEADS="0,400", PROBE_REPEATS=3, PROBE_PORT=5711)
 */
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, clipLayout, currentLoopStart, lastUserTranscript, turnsCompleted, waitForTurnToSettle } from '../e2e/kiosk.ts';
import { startKioskServer } from './kioskServer.ts';

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
execFileSync('npx', ['tsx', 'scripts/make-speech-wavs.ts'], { stdio: 'inherit' });
const LEADS = (process.env.PROBE_LEADS ?? '-100,0,100,200,400,800,1500').split(',').map(Number);
const REPEATS = Number(process.env.PROBE_REPEATS ?? 3);
const server = await startKioskServer(Number(process.env.PROBE_PORT ?? 5711));
const browser = await chromium.launch(chromiumWithMicrophone(audioClip('cheeseburger')));
const results: Record<number, string[]> = {};
try {
  const page = await browser.newPage();
  await page.addInitScript('window.__name = (fn) => fn;');
  await page.goto(server.url);
  await page.locator('[data-testid="voice-status"][data-connection="ready"]').waitFor();
  const layout = clipLayout('cheeseburger');
  const loopStart = await currentLoopStart(page, layout);
  const button = page.getByTestId('voice-order-button');
  await button.hover();
  for (let round = 0; round < REPEATS; round += 1) {
    for (const lead of LEADS) {
      const now = await page.evaluate(() => Date.now());
      let speech = loopStart + layout.firstLeadInMs;
      while (speech - lead < now + 200) speech += layout.totalMs;
      const before = await turnsCompleted(page);
      await page.waitForTimeout(speech - lead - (await page.evaluate(() => Date.now())));
      await page.mouse.down();
      await page.waitForTimeout(speech + 2_300 - (await page.evaluate(() => Date.now())));
      await page.mouse.up();
      await waitForTurnToSettle(page, before);
      const heard = await lastUserTranscript(page);
      (results[lead] ??= []).push(heard);
      console.log(`lead ${lead} ms: "${heard}"`);
      await page.evaluate(() => window.__voiceClient?.newConversation());
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
for (const lead of LEADS) console.log(`${lead} ms: ${results[lead]?.filter((text) => text.startsWith("i'd")).length}/${results[lead]?.length} with the first word`);
