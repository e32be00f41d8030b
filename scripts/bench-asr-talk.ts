/**
 * `npm run bench:asr:talk`: general English spoken to the recognizer, the out-of-scope
 * promise against talk nobody here wrote. Sentences of Debian's `fortunes` package (a seeded
 * sample) are spoken by espeak-ng and given to the recognizer directly, as
 * bench:asr:direct does; each transcript goes to a fresh agent on an empty cart. Sentences
 * whose own words already change the cart are left out (the text test judges those), so
 * every change counted here is a mishearing made into an order.
 * Usage: BENCH_TALK_COUNT=200 BENCH_TALK_SEED=1 BENCH_VOICES="en-us,en-gb" BENCH_TRACE=1 npm run bench:asr:talk
 */

import { mkdirSync, rmSync } from 'node:fs';
import type { Cart } from '../machines/cart.ts';
import { readRealtimeSettings } from '../server/realtime/realtimeSettings.ts';
import { createRng } from '../server/seededRandom.ts';
import { PocketsphinxRecognizer } from '../server/speech/pocketsphinxRecognizer.ts';
import { spokenPcm } from '../server/speech/recognizerAudio.ts';
import { cartAfter, changesTheCart, fortuneSentences, isChanged } from '../test/language/generalEnglish.ts';
import { SPOKEN_VOICES } from './speechScoring.ts';

const DIR = `e2e/.artifacts/talk-${process.pid}`;
const count = Number(process.env.BENCH_TALK_COUNT ?? 200);
const rng = createRng(Number(process.env.BENCH_TALK_SEED ?? 1));
const voices = process.env.BENCH_VOICES?.split(',') ?? SPOKEN_VOICES.map((voice) => voice.voice);
const wordsPerMinute = (voice: string) => SPOKEN_VOICES.find((spoken) => spoken.voice === voice)?.wordsPerMinute ?? 160;

const describeCart = (cart: Cart) => `${cart.lines.map((line) => `${line.quantity}x ${line.itemId}`).join(', ')}${cart.confirmed ? ' confirmed' : ''}`;

function sample(): string[] {
  const pool = fortuneSentences().filter((sentence) => sentence.split(' ').length >= 3 && sentence.split(' ').length <= 12 && !changesTheCart(sentence));
  for (let index = pool.length - 1; index > 0; index -= 1) {
    const other = Math.floor(rng() * (index + 1));
    [pool[index], pool[other]] = [pool[other]!, pool[index]!];
  }
  return pool.slice(0, count);
}

mkdirSync(DIR, { recursive: true });
const { recognizerLanguage: language, acousticModel } = readRealtimeSettings();
const recognizer = new PocketsphinxRecognizer({ maxProcesses: 1, maxWaiting: 1000, language, acousticModel });
try {
  const sentences = sample();
  const rows: string[] = [];
  for (const voice of voices) {
    let changes = 0;
    let rejected = 0;
    for (const sentence of sentences) {
      const heard = await recognizer.recognisePcm(spokenPcm(sentence, voice, wordsPerMinute(voice), DIR));
      const transcript = recognizer.transcriptOf(heard);
      if (transcript === '' && heard.text !== '') rejected += 1;
      const cart = cartAfter(transcript ?? '');
      if (process.env.BENCH_TRACE) console.log(`heard ${voice} ${heard.confidence.toFixed(2)} "${sentence}" → "${heard.text}"${transcript === '' ? ' (rejected)' : ''}`);
      if (!isChanged(cart)) continue;
      changes += 1;
      console.log(
        `CHANGED ${voice} ${heard.confidence.toFixed(2)} fit ${heard.fit?.perFrame.toFixed(2) ?? '-'} worst ${heard.fit?.worstWord.toFixed(2) ?? '-'} "${sentence}" → "${heard.text}" → [${describeCart(cart)}]`,
      );
    }
    rows.push(`| ${voice} | ${sentences.length} | ${changes} | ${rejected} |`);
  }
  console.log(['', '| voice | sentences | changed the cart | rejected by the recognizer |', '| --- | --- | --- | --- |', ...rows].join('\n'));
} finally {
  recognizer.dispose();
  rmSync(DIR, { recursive: true, force: true });
}
