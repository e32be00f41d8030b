/**
 * The acoustic model the recognizer decodes with: pocketsphinx's en-us model, MAP-adapted
 * (SphinxTrain's bw → map_adapt) to the speech this offline server actually hears —
 * espeak-ng's synthetic voices, which every test, bench and demo speaks in. The stock
 * model, trained on human speech, heard espeak-ng orders at about 50 % word accuracy
 * with the n-gram model; adapted, about 90 % (scripts/bench-asr-direct.ts, development set).
 *
 * What it adapts on is kept apart from what the product is judged on: sentences drawn
 * from the order corpus (which never reads the test set), spoken by ADAPTATION_VOICES,
 * none of which is a bench voice (a test holds both to that). Human speakers may be
 * better served by the stock model: ASR_ACOUSTIC_MODEL=stock.
 *
 * Built once per input (about half a minute here) and cached, like the language model.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusWords } from '../language/languageModel.ts';
import { generateOrderCorpus } from '../language/orderCorpus.ts';
import { createRng } from '../seededRandom.ts';
import { buildDictionary } from './menuGrammar.ts';
import { readSendump, writeMixtureWeights } from './sphinxModelFiles.ts';

export const STOCK_ACOUSTIC_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us';
const SPHINXTRAIN = '/usr/lib/sphinxtrain';

/** espeak-ng voices the model adapts to; the benches speak in others (en-us, en-us+f3, en-gb). */
export const ADAPTATION_VOICES = ['en-us-nyc', 'en-gb-scotland', 'en-gb-x-rp', 'en-029', 'en-us+m3', 'en-us+f2', 'en-gb-x-gbclan', 'en-us+f4'];
const WORDS_PER_MINUTE = 160;
const SENTENCES = 300;
const SEED = 7;
/** Silence either side, as the live path keeps around speech (trimToSpeech). */
const PAD_SECONDS = '0.3';
const FEATURE_ARGS = ['-feat', '1s_c_d_dd', '-svspec', '0-12/13-25/26-38', '-cmn', 'batch', '-agc', 'none'];

/** Distinct order-corpus lines, drawn with a fixed seed. */
export function adaptationSentences(count = SENTENCES, corpus: readonly string[] = generateOrderCorpus()): string[] {
  const lines = [...new Set(corpus)];
  const next = createRng(SEED);
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, lines.length)) chosen.add(lines[Math.floor(next() * lines.length)]!);
  return [...chosen];
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** The adapted model's folder (for pocketsphinx's -hmm), built if it is not in the cache yet. */
export function adaptedAcousticModel(cacheRoot = process.env.LM_CACHE_DIR ?? join(tmpdir(), 'voice-kiosk-lm')): string {
  const sentences = adaptationSentences();
  const stockFiles = ['mdef', 'means', 'variances', 'sendump', 'transition_matrices'].map((name) => `${name}:${statSync(join(STOCK_ACOUSTIC_MODEL, name)).size}`);
  const key = createHash('sha256')
    .update(JSON.stringify({ sentences, voices: ADAPTATION_VOICES, rate: WORDS_PER_MINUTE, pad: PAD_SECONDS, dither: false, features: FEATURE_ARGS, stockFiles }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheRoot, `acoustic-${key}`);
  if (existsSync(join(dir, 'means'))) return dir;
  mkdirSync(cacheRoot, { recursive: true });
  // Built aside and renamed into place, so two servers starting together never read half a model.
  const work = mkdtempSync(join(cacheRoot, `build-acoustic-${key}-`));
  try {
    buildInto(work, sentences);
    try {
      renameSync(join(work, 'model'), dir);
    } catch {
      // Another process finished first; its model is the same one.
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

function buildInto(work: string, sentences: readonly string[]): void {
  const stock = join(work, 'stock');
  const audio = join(work, 'audio');
  const counts = join(work, 'counts');
  const model = join(work, 'model');
  for (const folder of [stock, audio, counts, model]) mkdirSync(folder);
  for (const name of ['means', 'variances', 'transition_matrices', 'feat.params', 'noisedict']) copyFileSync(join(STOCK_ACOUSTIC_MODEL, name), join(stock, name));
  writeFileSync(join(stock, 'mixture_weights'), writeMixtureWeights(readSendump(readFileSync(join(STOCK_ACOUSTIC_MODEL, 'sendump')))));
  run('pocketsphinx_mdef_convert', ['-text', join(STOCK_ACOUSTIC_MODEL, 'mdef'), join(stock, 'mdef.txt')], work);

  const ids: string[] = [];
  const transcripts: string[] = [];
  sentences.forEach((sentence, index) => {
    const id = `s${String(index).padStart(4, '0')}`;
    const voice = ADAPTATION_VOICES[index % ADAPTATION_VOICES.length]!;
    const synthesized = join(work, 'espeak.wav');
    execFileSync('espeak-ng', ['-v', voice, '-s', String(WORDS_PER_MINUTE), '-w', synthesized, '--', sentence]);
    run('sox', ['-V1', '-D', synthesized, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', join(audio, `${id}.wav`), 'pad', PAD_SECONDS, PAD_SECONDS], work);
    ids.push(id);
    transcripts.push(`<s> ${sentence} </s> (${id})`);
  });
  writeFileSync(join(work, 'ids'), `${ids.join('\n')}\n`);
  writeFileSync(join(work, 'transcripts'), `${transcripts.join('\n')}\n`);
  writeFileSync(join(work, 'adapt.dict'), buildDictionary(corpusWords(sentences)));

  run('sphinx_fe', ['-argfile', join(stock, 'feat.params'), '-samprate', '16000', '-c', 'ids', '-di', audio, '-do', audio, '-ei', 'wav', '-eo', 'mfc', '-mswav', 'yes'], work);
  run(join(SPHINXTRAIN, 'bw'), [
    '-hmmdir', stock, '-moddeffn', join(stock, 'mdef.txt'), '-ts2cbfn', '.ptm.', ...FEATURE_ARGS,
    '-dictfn', 'adapt.dict', '-fdictfn', join(stock, 'noisedict'), '-ctlfn', 'ids', '-lsnfn', 'transcripts', '-cepdir', audio, '-accumdir', counts,
  ], work);
  run(join(SPHINXTRAIN, 'map_adapt'), [
    '-moddeffn', join(stock, 'mdef.txt'), '-ts2cbfn', '.ptm.',
    '-meanfn', join(stock, 'means'), '-varfn', join(stock, 'variances'), '-mixwfn', join(stock, 'mixture_weights'), '-tmatfn', join(stock, 'transition_matrices'),
    '-accumdir', counts,
    '-mapmeanfn', join(model, 'means'), '-mapvarfn', join(model, 'variances'), '-mapmixwfn', join(model, 'mixture_weights'), '-maptmatfn', join(model, 'transition_matrices'),
  ], work);
  for (const name of ['mdef', 'feat.params', 'noisedict']) copyFileSync(join(STOCK_ACOUSTIC_MODEL, name), join(model, name));
}
