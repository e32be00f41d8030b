/**
 * The fast speech tier, for tuning the language model and the rejection threshold: each
 * phrase of the phrase sets is spoken by espeak-ng, resampled to 16 kHz and given to the
 * recognizer directly (no browser, no WebRTC, no Opus). Each phrase is judged on its own:
 * the conversation before it is replayed from its exact words, then the recognised words
 * go through the agent and the cart. The closing figures come from the real path
 * (npm run bench:asr); this one is for iterating.
 * Usage: tsx scripts/bench-asr-direct.ts [dev|test|fresh|both|all, or a comma list]
 *   BENCH_VOICES="en-us,en-gb"  DIRECT_ARGS="-lw 9"  ASR_LANGUAGE=grammar  ASR_ACOUSTIC_MODEL=stock  BENCH_TRACE=1
 */

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyToolCall, EMPTY_CART, type Cart } from '../machines/cart.ts';
import { MenuAgent } from '../server/agent/menuAgent.ts';
import { readRealtimeSettings } from '../server/realtime/realtimeSettings.ts';
import { PocketsphinxRecognizer } from '../server/speech/pocketsphinxRecognizer.ts';
import { pcmOfWav, spokenPcm } from '../server/speech/recognizerAudio.ts';
import { phraseSetsNamed } from '../test/language/phraseSets.ts';
import { judge } from '../test/language/textTier.ts';
import { synthesizeSound } from './make-speech-wavs.ts';
import { SPOKEN_VOICES, wordAccuracy } from './speechScoring.ts';

const DIR = `e2e/.artifacts/direct-${process.pid}`;
mkdirSync(DIR, { recursive: true });
const which = process.argv[2] ?? 'both';
const sets = phraseSetsNamed(which);
const voices = process.env.BENCH_VOICES?.split(',') ?? SPOKEN_VOICES.map((voice) => voice.voice);
const wordsPerMinute = (voice: string) => SPOKEN_VOICES.find((spoken) => spoken.voice === voice)?.wordsPerMinute ?? 160;
const { recognizerLanguage: language, acousticModel } = readRealtimeSettings();
const decoderArgs = process.env.DIRECT_ARGS?.split(' ').filter(Boolean) ?? [];
const recognizer = new PocketsphinxRecognizer({ maxProcesses: 1, maxWaiting: 1000, language, acousticModel, decoderArgs });

/** One turn through the agent and the cart: the cart afterwards and the reply. */
function turn(agent: MenuAgent, cart: Cart, transcript: string): { cart: Cart; reply: string } {
  const first = agent.reply({ transcript, functionOutputs: [] });
  if (!first.functionCalls.length) return { cart, reply: first.text ?? '' };
  const outputs = first.functionCalls.map((call, index) => {
    const result = applyToolCall(cart, call.name, JSON.stringify(call.arguments));
    cart = result.cart;
    return { callId: String(index), output: result.output };
  });
  return { cart, reply: agent.reply({ transcript: null, functionOutputs: outputs }).text ?? '' };
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
        for (const [index, step] of script.entries()) {
          const wav = join(DIR, 'turn.wav');
          if (step.sound) synthesizeSound(step.sound, wav);
          const pcm = step.sound ? pcmOfWav(wav, DIR) : spokenPcm(step.say, voice, wordsPerMinute(voice), DIR);
          const heard = await recognizer.recognisePcm(pcm);
          const transcript = recognizer.transcriptOf(heard) ?? '';
          const agent = new MenuAgent();
          let state = { cart: EMPTY_CART, reply: '' };
          for (const earlier of script.slice(0, index)) if (!earlier.sound) state = turn(agent, state.cart, earlier.say);
          state = turn(agent, state.cart, transcript);
          const ok = judge({ ...step, reply: undefined }, state.cart, state.reply);
          if (!step.sound) wordAccuracy(words, step.say, transcript);
          if (step.outOfScope) {
            oos += 1;
            if (ok) oosKept += 1;
          } else {
            inScope += 1;
            if (ok) right += 1;
          }
          lines.push(`${ok ? 'ok  ' : 'MISS'} ${heard.confidence.toFixed(2)} fit ${heard.fit?.perFrame.toFixed(2) ?? '-'} worst ${heard.fit?.worstWord.toFixed(2) ?? '-'} ${step.outOfScope ? 'oos ' : ''}"${step.say}" → "${heard.text}"`);
        }
      }
      console.log(process.env.BENCH_TRACE ? lines.join('\n') : lines.filter((line) => line.startsWith('MISS')).join('\n'));
      console.log(
        `${set.name} ${voice} ${language} ${acousticModel} ${decoderArgs.join(' ')}: orders ${right}/${inScope} (${((100 * right) / inScope).toFixed(1)}%), words ${(100 * (1 - words.errors / words.total)).toFixed(1)}%, out of scope left alone ${oosKept}/${oos}`,
      );
    }
  }
} finally {
  recognizer.dispose();
  rmSync(DIR, { recursive: true, force: true });
}
