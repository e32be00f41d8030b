/**
 * The fast speech tier, for tuning the language model and the rejection threshold: each
 * phrase of both phrase sets is spoken by espeak-ng, resampled to 16 kHz and given to the
 * recognizer directly (no browser, no WebRTC, no Opus), then its words go through the
 * agent and the cart as in the text tier. The closing figures come from the real path
 * (npm run bench:asr); this one is for iterating.
 * Usage: tsx scripts/bench-asr-direct.ts [dev|test|both] (voices: BENCH_VOICES="en-us,en-gb")
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyToolCall, EMPTY_CART } from '../machines/cart.ts';
import { MenuAgent } from '../server/agent/menuAgent.ts';
import { MIN_CONFIDENCE, PocketsphinxRecognizer } from '../server/speech/pocketsphinxRecognizer.ts';
import { readRealtimeSettings } from '../server/realtime/realtimeSettings.ts';
import { DEV_SET } from '../test/language/devSet.ts';
import type { PhraseSet } from '../test/language/phraseSet.ts';
import { judge } from '../test/language/textTier.ts';
import { TEST_SET } from '../test/language/testSet.ts';
import { synthesizeSound } from './make-speech-wavs.ts';
import { SPOKEN_VOICES, wordAccuracy } from './speechScoring.ts';

const DIR = 'e2e/.artifacts/direct';
mkdirSync(DIR, { recursive: true });
const which = process.argv[2] ?? 'both';
const sets: PhraseSet[] = which === 'dev' ? [DEV_SET] : which === 'test' ? [TEST_SET] : [DEV_SET, TEST_SET];
const voices = process.env.BENCH_VOICES?.split(',') ?? SPOKEN_VOICES.map((voice) => voice.voice);
const recognizer = new PocketsphinxRecognizer({ maxProcesses: 1, maxWaiting: 1000, language: readRealtimeSettings().recognizerLanguage });

function pcmOf(file48k: string): Int16Array {
  const raw = join(DIR, 'turn.raw');
  // The live path keeps 300 ms either side of the speech (trimToSpeech); so does this one.
  execFileSync('sox', [file48k, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', raw, 'pad', '0.3', '0.3']);
  const bytes = readFileSync(raw);
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}

try {
  for (const set of sets) {
    for (const voice of voices) {
      let right = 0;
      let inScope = 0;
      let oosKept = 0;
      let oos = 0;
      const words = { total: 0, errors: 0 };
      const lines: string[] = [];
      for (const script of set.scripts) {
        const agent = new MenuAgent();
        let cart = EMPTY_CART;
        for (const step of script) {
          const wav = join(DIR, 'turn.wav');
          if (step.sound) synthesizeSound(step.sound, wav);
          else execFileSync('espeak-ng', ['-v', voice, '-s', '160', '-w', wav, step.say]);
          const heard = await recognizer.recognisePcm(pcmOf(wav));
          const transcript = readRealtimeSettings().recognizerLanguage === 'ngram' && heard.confidence < MIN_CONFIDENCE ? '' : heard.text;
          const first = agent.reply({ transcript, functionOutputs: [] });
          let reply = first.text ?? '';
          if (first.functionCalls.length) {
            const outputs = first.functionCalls.map((call, index) => {
              const result = applyToolCall(cart, call.name, JSON.stringify(call.arguments));
              cart = result.cart;
              return { callId: String(index), output: result.output };
            });
            reply = agent.reply({ transcript: null, functionOutputs: outputs }).text ?? '';
          }
          // The reply check is the text tier's; spoken, the cart is what counts.
          const ok = judge({ ...step, reply: undefined }, cart, reply);
          if (!step.sound) wordAccuracy(words, step.say, transcript);
          if (step.outOfScope) {
            oos += 1;
            if (ok) oosKept += 1;
          } else {
            inScope += 1;
            if (ok) right += 1;
          }
          lines.push(`${ok ? 'ok  ' : 'MISS'} ${heard.confidence.toFixed(2)} "${step.say}" → "${heard.text}"`);
        }
      }
      if (process.env.BENCH_TRACE) console.log(lines.join('\n'));
      else console.log(lines.filter((line) => line.startsWith('MISS')).join('\n'));
      console.log(
        `${set.name} ${voice}: orders ${right}/${inScope} (${((100 * right) / inScope).toFixed(1)}%), words ${(100 * (1 - words.errors / words.total)).toFixed(1)}%, out of scope left alone ${oosKept}/${oos}`,
      );
    }
  }
} finally {
  recognizer.dispose();
}
