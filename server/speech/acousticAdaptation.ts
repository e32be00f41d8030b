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
 * Built once per input (about 70 s on two cores) and cached, like the language model.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusWords } from '../language/languageModel.ts';
import { generateOrderCorpus } from '../language/orderCorpus.ts';
import { createRng } from '../seededRandom.ts';
import { buildDictionary } from './menuGrammar.ts';
import { espeakArgs, resampleArgs } from './recognizerAudio.ts';
import { meanCepstrum, readSendump, withCmnInit, writeMixtureWeights } from './sphinxModelFiles.ts';

export const STOCK_ACOUSTIC_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us';
const SPHINXTRAIN = '/usr/lib/sphinxtrain';

/**
 * espeak-ng voices the model adapts to; the benches speak in others (en-us, en-us+f3,
 * en-gb), and no voice here is a bench voice. Sixteen accents and timbres, female ones
 * among them, so that no one voice's quirks become the model's.
 */
export const ADAPTATION_VOICES = [
  'en-us-nyc', 'en-gb-scotland', 'en-gb-x-rp', 'en-029', 'en-us+m3', 'en-us+f2', 'en-gb-x-gbclan', 'en-us+f4',
  'en-gb-x-gbcwmd', 'en-gb-x-rp+f1', 'en-us+m1', 'en-029+f5', 'en-gb-scotland+f4', 'en-us-nyc+m5', 'en-gb-x-gbclan+f2', 'en-029+m2',
];
/** Each voice speaks at each of these rates, around the benches' 160. */
const RATES = [145, 160, 175];
const SENTENCES = 3600;
const SEED = 7;
const FEATURE_ARGS = ['-feat', '1s_c_d_dd', '-svspec', '0-12/13-25/26-38', '-cmn', 'batch', '-agc', 'none'];
/** Synthesis and Baum-Welch counting run this many at once: the build's two slow steps. */
const PARALLEL = Math.max(1, Math.min(4, availableParallelism()));

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

/**
 * Runs jobs PARALLEL at a time; a job is commands run in order, stopping at the first that
 * fails. The build is synchronous (the recognizer asks for its model as it is made), so
 * xargs keeps the processes busy, and one failure fails the build. Arguments are quoted for
 * the shell: sentences never pass through it, they are in files.
 */
function runInParallel(jobs: string[][][], cwd: string): void {
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
  const lines = jobs.map((job) => job.map((command) => command.map(quote).join(' ')).join(' && '));
  execFileSync('xargs', ['-P', String(PARALLEL), '-d', '\\n', '-I', '{}', 'sh', '-c', '{}'], {
    cwd,
    input: `${lines.join('\n')}\n`,
    stdio: ['pipe', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The adapted model's folder (for pocketsphinx's -hmm), built if it is not in the cache yet. */
export function adaptedAcousticModel(cacheRoot = process.env.LM_CACHE_DIR ?? join(tmpdir(), 'voice-kiosk-lm')): string {
  const sentences = adaptationSentences();
  const stockFiles = ['mdef', 'means', 'variances', 'sendump', 'transition_matrices'].map((name) => `${name}:${statSync(join(STOCK_ACOUSTIC_MODEL, name)).size}`);
  const key = createHash('sha256')
    .update(JSON.stringify({ sentences, voices: ADAPTATION_VOICES, rates: RATES, audio: resampleArgs('in', 'out'), cmnInit: true, features: FEATURE_ARGS, stockFiles }))
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
  const synthesis: string[][][] = [];
  mkdirSync(join(work, 'text'));
  sentences.forEach((sentence, index) => {
    const id = `s${String(index).padStart(4, '0')}`;
    const voice = ADAPTATION_VOICES[index % ADAPTATION_VOICES.length]!;
    const rate = RATES[Math.floor(index / ADAPTATION_VOICES.length) % RATES.length]!;
    const text = join(work, 'text', `${id}.txt`);
    const spoken = join(work, 'text', `${id}.wav`);
    writeFileSync(text, sentence);
    synthesis.push([['espeak-ng', ...espeakArgs(voice, rate, text, spoken)], ['sox', ...resampleArgs(spoken, join(audio, `${id}.wav`))]]);
    ids.push(id);
    transcripts.push(`<s> ${sentence} </s> (${id})`);
  });
  runInParallel(synthesis, work);
  writeFileSync(join(work, 'ids'), `${ids.join('\n')}\n`);
  writeFileSync(join(work, 'transcripts'), `${transcripts.join('\n')}\n`);
  writeFileSync(join(work, 'adapt.dict'), buildDictionary(corpusWords(sentences)));

  run('sphinx_fe', ['-argfile', join(stock, 'feat.params'), '-samprate', '16000', '-c', 'ids', '-di', audio, '-do', audio, '-ei', 'wav', '-eo', 'mfc', '-mswav', 'yes'], work);
  // Baum-Welch counts in parts, one process each; map_adapt sums the parts.
  const parts = Array.from({ length: PARALLEL }, (_, index) => join(counts, String(index + 1)));
  parts.forEach((part) => mkdirSync(part));
  runInParallel(
    parts.map((part, index) => [[
      join(SPHINXTRAIN, 'bw'),
      '-hmmdir', stock, '-moddeffn', join(stock, 'mdef.txt'), '-ts2cbfn', '.ptm.', ...FEATURE_ARGS,
      '-dictfn', 'adapt.dict', '-fdictfn', join(stock, 'noisedict'), '-ctlfn', 'ids', '-lsnfn', 'transcripts', '-cepdir', audio, '-accumdir', part,
      '-npart', String(PARALLEL), '-part', String(index + 1),
    ]]),
    work,
  );
  run(join(SPHINXTRAIN, 'map_adapt'), [
    '-moddeffn', join(stock, 'mdef.txt'), '-ts2cbfn', '.ptm.',
    '-meanfn', join(stock, 'means'), '-varfn', join(stock, 'variances'), '-mixwfn', join(stock, 'mixture_weights'), '-tmatfn', join(stock, 'transition_matrices'),
    '-accumdir', parts.join(','),
    '-mapmeanfn', join(model, 'means'), '-mapvarfn', join(model, 'variances'), '-mapmixwfn', join(model, 'mixture_weights'), '-maptmatfn', join(model, 'transition_matrices'),
  ], work);
  for (const name of ['mdef', 'noisedict']) copyFileSync(join(STOCK_ACOUSTIC_MODEL, name), join(model, name));
  writeFileSync(join(model, 'feat.params'), withCmnInit(readFileSync(join(STOCK_ACOUSTIC_MODEL, 'feat.params'), 'utf8'), meanCepstrum(ids.map((id) => readFileSync(join(audio, `${id}.mfc`))))));
}
