/**
 * Speech benchmark through the real path: the development and held-out test phrase sets,
 * spoken by espeak-ng voices, play on Chromium's fake microphone, go over WebRTC to the
 * local server, are recognised, understood and turned into tool calls the kiosk applies.
 * Reports, per set and voice, order accuracy (the cart after each phrase is what it asked
 * for), word accuracy, and out-of-scope utterances that changed the cart or confirmed it.
 * Each voice runs in its own child process holding the shared browser lock, so other
 * people's e2e specs can run between voices: one page per voice, many turns.
 * Usage: npm run bench:asr   (BENCH_SETS=test or fresh, BENCH_VOICES=en-gb; ASR_LANGUAGE=grammar, ASR_ACOUSTIC_MODEL=stock
 *   for the older models)
 * One utterance, many times: BENCH_PHRASE="a cheese pizza please" BENCH_REPEAT=28 speaks it in
 *   that many fresh conversations and counts the times it changed the empty cart. One real-path
 *   run hears a phrase one way; the same audio, pressed at another moment, can be heard another.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, clipLayout, currentLoopStart, lastUserTranscript, saySegment, turnsCompleted, waitForTurnToSettle } from '../e2e/kiosk.ts';
import type { ExpectedLine, PhraseSet, PhraseStep } from '../test/language/phraseSet.ts';
import { phraseSetsNamed } from '../test/language/phraseSets.ts';
import { cartKey } from '../test/language/textTier.ts';
import { startKioskServer } from './kioskServer.ts';
import { synthesize } from './make-speech-wavs.ts';
import { median, SPOKEN_VOICES, wordAccuracy } from './speechScoring.ts';

const AUDIO_DIR = 'e2e/.artifacts/audio';
const WARM_UP = 'a cookie';
const LOCK = '/tmp/voice-kiosk-browser.lock';

/** The probe set: BENCH_PHRASE, out of scope, BENCH_REPEAT times, each in a fresh conversation. */
function probeSet(): PhraseSet {
  const say = process.env.BENCH_PHRASE!;
  const repeat = Number(process.env.BENCH_REPEAT ?? 20);
  return { name: 'probe', scripts: Array.from({ length: repeat }, () => [{ say, cart: [], outOfScope: true }]) };
}

function benchSets(names: string): PhraseSet[] {
  return process.env.BENCH_PHRASE ? [probeSet()] : phraseSetsNamed(names);
}

interface VoiceResult {
  set: string;
  voice: string;
  orders: number;
  ordersRight: number;
  words: number;
  wordErrors: number;
  outOfScope: number;
  /** Out-of-scope utterances after which the cart changed or was confirmed. */
  outOfScopeChanged: number;
  /** Out-of-scope utterances after which the cart is not the script's (an earlier miss included). */
  outOfScopeWrongCart: number;
  misses: string[];
  /** Per turn: release → final transcript, and transcript → first reply audio (ms). */
  releaseToTranscript: number[];
  transcriptToAudio: number[];
}

/** Scripts per child (one browser, one lock hold): a few minutes each. */
const SCRIPTS_PER_HOLD = 7;

/** The kiosk's cart as phrase-set lines, and whether it is confirmed. */
async function kioskCart(page: Page): Promise<{ cart: ExpectedLine[]; confirmed: boolean }> {
  return page.evaluate(() => {
    const cart = window.__voiceClient!.getSnapshot().context.cart;
    return { cart: cart.lines.map((line) => [line.itemId, line.size, line.quantity, line.modifiers] as ExpectedLine), confirmed: cart.confirmed };
  });
}

async function runVoice(fullSet: PhraseSet, voice: string, wordsPerMinute: number, port: number, from: number, to: number): Promise<VoiceResult> {
  const set = { ...fullSet, scripts: fullSet.scripts.slice(from, to) };
  const steps: PhraseStep[] = set.scripts.flat();
  const name = `bench-${set.name}-${from}-${voice.replace(/\W/g, '')}-${wordsPerMinute}`;
  const sounds: Record<number, 'cough' | 'noise'> = {};
  steps.forEach((step, index) => {
    if (step.sound) sounds[index + 1] = step.sound;
  });
  // 4 s before each phrase: the previous turn, its spoken reply included, finishes before the
  // next phrase begins (with 2.5 s, a long reply made the press miss its phrase and wait a loop).
  synthesize({ name, phrases: [WARM_UP, ...steps.map((step) => step.say)], voice, wordsPerMinute, leadInS: 4, firstLeadInS: 9, sounds }, AUDIO_DIR);
  const layout = clipLayout(name);
  const result: VoiceResult = { set: set.name, voice, orders: 0, ordersRight: 0, words: 0, wordErrors: 0, outOfScope: 0, outOfScopeChanged: 0, outOfScopeWrongCart: 0, misses: [], releaseToTranscript: [], transcriptToAudio: [] };
  const server = await startKioskServer(port);
  const browser = await chromium.launch(chromiumWithMicrophone(audioClip(name)));
  try {
    const page = await browser.newPage();
    // tsx compiles page functions with esbuild's name-keeping helper; the page needs it too.
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.goto(server.url);
    await page.locator('[data-testid="voice-status"][data-connection="ready"]').waitFor();
    const loopStart = await currentLoopStart(page, layout);
    let segment = 1;
    for (const script of set.scripts) {
      // A confirmed order leaves its confirmation screen up (the button hidden) until the
      // next customer starts, as they would, with its button; waiting there missed a phrase.
      const confirmed = page.getByTestId('order-confirmed');
      if (await confirmed.isVisible()) await confirmed.getByRole('button', { name: 'Start a new order' }).click();
      await page.evaluate(() => window.__voiceClient?.newConversation());
      for (const step of script) {
        const before = await turnsCompleted(page);
        const { cart: cartBefore, confirmed: confirmedBefore } = await kioskCart(page);
        await saySegment(page, layout, segment, loopStart);
        segment += 1;
        await waitForTurnToSettle(page, before);
        // The turn can be idle before its reply starts playing (a tool call's answer is a
        // second response): the reply's first audio is waited for, or its figure is missing.
        // Briefly: some turns have none (the confirmation screen takes over), and a longer
        // wait would miss the next phrase on the looping microphone file.
        await page
          .waitForFunction(() => window.__voiceClient?.getMetrics().turns.at(-1)?.moments.first_audio !== undefined, undefined, { timeout: 1_000 })
          .catch(() => undefined);
        const transcript = await lastUserTranscript(page);
        const heard = await kioskCart(page);
        const timings = await page.evaluate(() => window.__voiceClient!.getMetrics().turns.at(-1) ?? null);
        if (timings?.releaseToCommitted != null && timings.committedToTranscript != null) {
          result.releaseToTranscript.push(timings.releaseToCommitted + timings.committedToTranscript);
        }
        if (timings?.transcriptToFirstAudio != null) result.transcriptToAudio.push(timings.transcriptToFirstAudio);
        const right = cartKey(heard.cart) === cartKey(step.cart) && heard.confirmed === (step.confirmed ?? false);
        if (!step.sound) {
          const tally = { total: 0, errors: 0 };
          wordAccuracy(tally, step.say, transcript);
          result.words += tally.total;
          result.wordErrors += tally.errors;
        }
        if (step.outOfScope) {
          result.outOfScope += 1;
          // Judged against the cart before it, not the script's: an earlier misheard order
          // leaves the cart wrong, and that is the order's miss, not this utterance's.
          if (cartKey(heard.cart) !== cartKey(cartBefore) || heard.confirmed !== confirmedBefore) {
            result.outOfScopeChanged += 1;
            result.misses.push(`${set.name} ${voice}: CHANGED BY OUT-OF-SCOPE "${step.say}" heard "${transcript}"`);
          }
          if (!right) result.outOfScopeWrongCart += 1;
        } else {
          result.orders += 1;
          if (right) result.ordersRight += 1;
        }
        if (!right) result.misses.push(`${set.name} ${voice}: "${step.say}" heard "${transcript}" → [${cartKey(heard.cart)}]${heard.confirmed ? ' confirmed' : ''}`);
        const spans = `${result.releaseToTranscript.at(-1) ?? '-'}/${result.transcriptToAudio.at(-1) ?? '-'} ms`;
        console.error(`${right ? 'ok  ' : 'MISS'} ${step.outOfScope ? 'oos ' : ''}${set.name} ${voice} ${spans} "${step.say}" → "${transcript}"`);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return result;
}

const child = process.argv.indexOf('--child');
if (child >= 0) {
  const [setName, voice, wpm, port, from, to] = process.argv.slice(child + 1);
  const set = benchSets(setName!)[0]!;
  console.log(JSON.stringify(await runVoice(set, voice!, Number(wpm), Number(port), Number(from), Number(to))));
} else {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const port = Number(process.env.E2E_PORT ?? 5196) + 1;
  const sets = benchSets(process.env.BENCH_SETS ?? 'dev,test').map((set) => set.name);
  const voices = process.env.BENCH_VOICES?.split(',') ?? SPOKEN_VOICES.map((spoken) => spoken.voice);
  const results: VoiceResult[] = [];
  for (const setName of sets) {
    const scripts = benchSets(setName)[0]!.scripts.length;
    for (const voice of voices) {
      const wordsPerMinute = SPOKEN_VOICES.find((spoken) => spoken.voice === voice)?.wordsPerMinute ?? 160;
      const parts: VoiceResult[] = [];
      // The lock is held for a few scripts at a time, not for the whole bench.
      // A probe's scripts are one step each: a hold takes several times as many.
      const perHold = process.env.BENCH_PHRASE ? 4 * SCRIPTS_PER_HOLD : SCRIPTS_PER_HOLD;
      for (let from = 0; from < scripts; from += perHold) {
        const args = ['--child', setName, voice, String(wordsPerMinute), String(port), String(from), String(Math.min(scripts, from + perHold))];
        const run = spawnSync('flock', [LOCK, 'npx', 'tsx', 'scripts/bench-asr.ts', ...args], {
          stdio: ['ignore', 'pipe', 'inherit'],
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        if (run.status !== 0) throw new Error(`bench for ${setName} ${voice} failed with ${run.status}`);
        parts.push(JSON.parse(run.stdout.trim().split('\n').at(-1)!) as VoiceResult);
      }
      results.push(
        parts.reduce((sum, part) => ({
          ...sum,
          orders: sum.orders + part.orders,
          ordersRight: sum.ordersRight + part.ordersRight,
          words: sum.words + part.words,
          wordErrors: sum.wordErrors + part.wordErrors,
          outOfScope: sum.outOfScope + part.outOfScope,
          outOfScopeChanged: sum.outOfScopeChanged + part.outOfScopeChanged,
          outOfScopeWrongCart: sum.outOfScopeWrongCart + part.outOfScopeWrongCart,
          misses: [...sum.misses, ...part.misses],
          releaseToTranscript: [...sum.releaseToTranscript, ...part.releaseToTranscript],
          transcriptToAudio: [...sum.transcriptToAudio, ...part.transcriptToAudio],
        })),
      );
      console.error(JSON.stringify(results.at(-1)));
    }
  }
  const pct = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
  console.log(
    '\n| set | voice | orders right | word accuracy | out of scope that changed or confirmed the cart | out of scope with a wrong cart after | release → transcript median | transcript → reply audio median |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of results) {
    console.log(
      `| ${r.set} | ${r.voice} | ${pct(r.ordersRight, r.orders)} (${r.ordersRight}/${r.orders}) | ${pct(r.words - r.wordErrors, r.words)} | ${r.outOfScopeChanged}/${r.outOfScope} | ${r.outOfScopeWrongCart}/${r.outOfScope} | ${median(r.releaseToTranscript)} ms | ${median(r.transcriptToAudio)} ms |`,
    );
  }
  const misses = results.flatMap((r) => r.misses);
  if (misses.length) console.log(`\nmisses:\n  ${misses.join('\n  ')}`);
}
