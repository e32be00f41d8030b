/**
 * Re-judges a spoken run without speaking again: reads what `npm run bench:asr` logged on
 * stderr (one line per step: the words said and the transcript heard) and feeds each heard
 * transcript to today's menu agent. It tells, in seconds, what a parser change does to the
 * carts of a recorded real-path run; recognition is as it was in that run, so a recognizer
 * change still needs the spoken bench.
 *
 *   npm run bench:asr -- 2> run.log     (or BENCH_SETS=test …)
 *   npm run bench:asr:replay -- run.log
 */

import { readFileSync } from 'node:fs';
import { phraseSetsNamed } from '../test/language/phraseSets.ts';
import { runTextTier } from '../test/language/textTier.ts';
import { median } from './speechScoring.ts';

// The bench's line: `ok  ` or `MISS`, `oos ` if out of scope, set, voice, the two latency
// spans, then the words said and the transcript heard.
const LINE = /^(?:ok {2}|MISS) (?:oos )?(\S+) (\S+) (\S+)\/(\S+) ms "(.*)" → "(.*)"$/;

interface Run {
  set: string;
  voice: string;
  said: string[];
  heard: string[];
  releaseToTranscript: number[];
  transcriptToAudio: number[];
}

function readRuns(path: string): Run[] {
  const runs = new Map<string, Run>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, set, voice, toTranscript, toAudio, said, heard] = match as unknown as string[];
    const key = `${set} ${voice}`;
    let run = runs.get(key);
    if (!run) runs.set(key, (run = { set: set!, voice: voice!, said: [], heard: [], releaseToTranscript: [], transcriptToAudio: [] }));
    run.said.push(said!);
    run.heard.push(heard!);
    if (toTranscript !== '-') run.releaseToTranscript.push(Number(toTranscript));
    if (toAudio !== '-') run.transcriptToAudio.push(Number(toAudio));
  }
  return [...runs.values()];
}

function roundedMedian(values: number[]): string {
  const middle = median(values);
  return middle === null ? '-' : String(Math.round(middle));
}

const path = process.argv[2];
if (!path) {
  console.error('usage: npm run bench:asr:replay -- <bench:asr stderr log>');
  process.exit(2);
}
const runs = readRuns(path);
if (!runs.length) {
  console.error(`${path}: no bench:asr step lines found`);
  process.exit(1);
}
console.log('| set | voice | orders right | out-of-scope changed | release→transcript ms | transcript→audio ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
const misses: string[] = [];
for (const run of runs) {
  const [set] = phraseSetsNamed(run.set);
  const steps = set!.scripts.flat();
  if (run.said.length !== steps.length) {
    console.error(`${run.set} ${run.voice}: the log has ${run.said.length} steps, the set ${steps.length}; was the run cut short?`);
    process.exit(1);
  }
  steps.forEach((step, index) => {
    if (step.say !== run.said[index]) throw new Error(`${run.set} ${run.voice} step ${index + 1}: the log says "${run.said[index]}", the set "${step.say}"`);
  });
  // The spoken bench judges carts only, not reply words: so does the replay.
  const cartsOnly = { ...set!, scripts: set!.scripts.map((script) => script.map((step) => ({ ...step, reply: undefined }))) };
  const results = runTextTier(cartsOnly, run.heard);
  let orders = 0;
  let ordersRight = 0;
  let outOfScope = 0;
  let changed = 0;
  for (const result of results) {
    if (result.step.outOfScope) {
      outOfScope += 1;
      if (result.changed) {
        changed += 1;
        misses.push(`${run.set} ${run.voice}: CHANGED BY OUT-OF-SCOPE "${result.step.say}" heard "${result.heard}"`);
      }
    } else {
      orders += 1;
      if (result.right) ordersRight += 1;
      else misses.push(`${run.set} ${run.voice}: "${result.step.say}" heard "${result.heard}" → [${result.cart}]${result.confirmed ? ' confirmed' : ''}`);
    }
  }
  console.log(`| ${run.set} | ${run.voice} | ${ordersRight}/${orders} | ${changed}/${outOfScope} | ${roundedMedian(run.releaseToTranscript)} | ${roundedMedian(run.transcriptToAudio)} |`);
}
if (misses.length) console.log(`\nMisses:\n${misses.map((miss) => `- ${miss}`).join('\n')}`);
