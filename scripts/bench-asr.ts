/**
 * Speech benchmark through the real path: espeak-ng phrases (two voices, two speeds)
 * play on Chromium's fake microphone, go over WebRTC to the local server, are recognised,
 * understood and turned into tool calls the kiosk applies. Prints word accuracy and
 * order accuracy (the cart after each phrase is what the phrase asked for).
 * Usage: npm run bench:asr
 */

import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, clipLayout, currentLoopStart, saySegment } from '../e2e/kiosk.ts';
import { BENCH_SCRIPTS, BENCH_VOICES, type BenchPhrase, type ExpectedLine } from './asr-phrases.ts';
import { startKioskServer } from './kioskServer.ts';
import { synthesize } from './make-speech-wavs.ts';

const AUDIO_DIR = 'e2e/.artifacts/audio';
const WARM_UP = 'a cookie';

function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z' ]+/g, ' ').split(' ').filter(Boolean);
}

/** Word errors (substitutions, deletions, insertions) by edit distance. */
function wordErrors(expected: string[], heard: string[]): number {
  const row = Array.from({ length: heard.length + 1 }, (_, index) => index);
  for (let i = 1; i <= expected.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= heard.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (expected[i - 1] === heard[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[heard.length]!;
}

function cartKey(lines: ExpectedLine[]): string {
  return lines
    .map(([item, size, quantity, modifiers]) => `${quantity}x ${item}${size ? ` ${size}` : ''}${modifiers?.length ? ` +${[...modifiers].sort().join('+')}` : ''}`)
    .sort()
    .join(', ');
}

interface Heard {
  transcript: string;
  cart: ExpectedLine[];
  confirmed: boolean;
}

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const server = await startKioskServer(5196);
let totalWords = 0;
let totalErrors = 0;
let ordersRight = 0;
let phrases = 0;
const misses: string[] = [];
try {
  for (const { voice, wordsPerMinute } of BENCH_VOICES) {
    const steps: BenchPhrase[] = BENCH_SCRIPTS.flat();
    const name = `bench-${voice.replace(/\W/g, '')}-${wordsPerMinute}`;
    // 2.5 s before each phrase: the previous turn finishes before the next phrase begins.
    synthesize(
      { name, phrases: [WARM_UP, ...steps.map((step) => step.say)], voice, wordsPerMinute, leadInS: 2.5, firstLeadInS: 6 },
      AUDIO_DIR,
    );
    const layout = clipLayout(name);
    const browser = await chromium.launch(chromiumWithMicrophone(audioClip(name)));
    const page = await browser.newPage();
    // tsx compiles page functions with esbuild's name-keeping helper; the page needs it too.
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.goto(server.url);
    await page.locator('[data-testid="voice-status"][data-connection="ready"]').waitFor();
    const loopStart = await currentLoopStart(page, layout);
    let segment = 1;
    for (const script of BENCH_SCRIPTS) {
      await page.evaluate(() => window.__voiceClient?.newConversation());
      for (const step of script) {
        const before = await page.evaluate(() => window.__voiceClient?.getSnapshot().context.turnsCompleted ?? 0);
        const t0 = Date.now();
        await saySegment(page, layout, segment, loopStart);
        const t1 = Date.now();
        segment += 1;
        await page
          .waitForFunction(
            (turns) => {
              const snapshot = window.__voiceClient?.getSnapshot();
              const status = window.__voiceClient?.getStatus();
              return !!snapshot && status?.turnState === 'idle' && (snapshot.context.turnsCompleted > turns || snapshot.context.turnNotice !== null);
            },
            before,
            { timeout: 20_000 },
          )
          .catch(() => undefined);
        if (process.env.BENCH_TRACE) console.log(`  said in ${t1 - t0} ms, settled in ${Date.now() - t1} ms`);
        const heard: Heard = await page.evaluate(() => {
          const context = window.__voiceClient!.getSnapshot().context;
          const users = context.transcriptOrder.map((id) => context.transcripts[id]).filter((entry) => entry?.role === 'user');
          return {
            transcript: users.at(-1)?.text ?? '',
            cart: context.cart.lines.map((line) => [line.itemId, line.size, line.quantity, line.modifiers] as ExpectedLine),
            confirmed: context.cart.confirmed,
          };
        });
        const expected = words(step.say);
        const errors = Math.min(expected.length, wordErrors(expected, words(heard.transcript)));
        totalWords += expected.length;
        totalErrors += errors;
        const right = cartKey(heard.cart) === cartKey(step.cart) && heard.confirmed === (step.confirmed ?? false);
        phrases += 1;
        if (right) ordersRight += 1;
        else misses.push(`${voice}@${wordsPerMinute}: "${step.say}" heard "${heard.transcript}" → [${cartKey(heard.cart)}]`);
        console.log(`${right ? 'ok  ' : 'MISS'} ${voice}@${wordsPerMinute} "${step.say}" → "${heard.transcript}"`);
      }
    }
    await browser.close();
  }
} finally {
  await server.stop();
}
console.log(`\nphrases: ${phrases} (${BENCH_SCRIPTS.flat().length} phrases × ${BENCH_VOICES.length} voice/speed pairs)`);
console.log(`word accuracy: ${((100 * (totalWords - totalErrors)) / totalWords).toFixed(1)}% (${totalWords - totalErrors}/${totalWords} words)`);
console.log(`order accuracy: ${((100 * ordersRight) / phrases).toFixed(1)}% (${ordersRight}/${phrases} carts right)`);
if (misses.length) console.log(`misses:\n  ${misses.join('\n  ')}`);
