/**
 * Records every server message of one spoken order on the local server, as the kiosk's
 * data channel received them, into test/fixtures/realistic-turn.json: the traffic the
 * ingest benchmark measures the event handler on and the replay test feeds the machine.
 * What the live page showed at the end (transcript, reply, cart) goes beside it, in
 * realistic-turn.outcome.json, for the replay to be held against.
 * Usage: npm run record:turn  (RECORD_PORT, 5197: the server's port)
 */

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, sayClip, voiceStatus } from '../e2e/kiosk.ts';
import { startKioskServer } from './kioskServer.ts';

const OUTPUT = 'test/fixtures/realistic-turn.json';
const OUTCOME = 'test/fixtures/realistic-turn.outcome.json';

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
execFileSync('npx', ['tsx', 'scripts/make-speech-wavs.ts'], { stdio: 'inherit' });
const server = await startKioskServer(Number(process.env.RECORD_PORT ?? 5197));
const browser = await chromium.launch(chromiumWithMicrophone(audioClip('order-then-remove')));
try {
  const page = await browser.newPage();
  // Scripts run by tsx hand page functions esbuild's __name helper; the page needs it too.
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  // Wraps the channel's onmessage setter, so the recording sees exactly what the client sees.
  await page.addInitScript(() => {
    const recorded: string[] = [];
    (window as unknown as { __recorded: string[] }).__recorded = recorded;
    const descriptor = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage');
    Object.defineProperty(RTCDataChannel.prototype, 'onmessage', {
      configurable: true,
      get() {
        return descriptor?.get?.call(this);
      },
      set(listener: (event: MessageEvent) => void) {
        descriptor?.set?.call(this, (event: MessageEvent) => {
          if (typeof event.data === 'string') recorded.push(event.data);
          listener(event);
        });
      },
    });
  });
  await page.goto(server.url);
  await page.locator('[data-testid="voice-status"][data-connection="ready"][data-turn="idle"]').waitFor();
  await sayClip(page, 'order-then-remove', { phrase: 0 });
  for (let waited = 0; waited < 30_000; waited += 250) {
    if (((await voiceStatus(page)).counters.byType['output_audio_buffer.stopped'] ?? 0) > 0) break;
    await page.waitForTimeout(250);
  }
  const messages = await page.evaluate(() => (window as unknown as { __recorded: string[] }).__recorded);
  writeFileSync(OUTPUT, `${JSON.stringify(messages, null, 0)}\n`);
  const outcome = {
    userTranscript: await page.getByTestId('user-transcript').textContent(),
    assistantReply: await page.getByTestId('assistant-reply').textContent(),
    cart: await page
      .getByTestId('cart-line')
      .evaluateAll((lines) =>
        lines.map((line) => ({
          itemId: line.getAttribute('data-item-id'),
          quantity: Number(line.getAttribute('data-quantity')),
          label: line.querySelector('.cart__name')?.textContent ?? '',
        })),
      ),
  };
  writeFileSync(OUTCOME, `${JSON.stringify(outcome, null, 2)}\n`);
  console.log(`the live page showed ${JSON.stringify(outcome)}`);
  console.log(`recorded ${messages.length} messages (${messages.reduce((sum, raw) => sum + raw.length, 0)} characters) to ${OUTPUT}`);
} finally {
  await browser.close();
  await server.stop();
}
