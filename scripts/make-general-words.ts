/**
 * Writes server/language/general-words.txt: the most frequent words of everyday English
 * with their log10 unigram probabilities, taken from the general language model that
 * ships with pocketsphinx-en-us (en-us.lm.bin). The order corpus mixes them in as
 * off-topic talk, so speech that is not ordering has words of its own to be heard as.
 * Only the unigram section is read: this sphinx_lm_convert aborts on an assertion while
 * writing the bigrams of that model, and the abort loses its last buffered lines, so the
 * alphabet's tail (from "zim" on, about 120 of 72,547 words) is missing; at least 99 % must
 * be read.
 * Usage: tsx scripts/make-general-words.ts [count]
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GENERAL_LM = '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin';
const CMUDICT = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict';
const OUT = 'server/language/general-words.txt';
const count = Number(process.argv[2] ?? 3000);

const work = mkdtempSync(join(tmpdir(), 'general-words-'));
try {
  const arpa = join(work, 'general.arpa');
  spawnSync('sphinx_lm_convert', ['-i', GENERAL_LM, '-o', arpa, '-ofmt', 'arpa'], { stdio: 'ignore' });
  const text = readFileSync(arpa, 'utf8');
  const declared = Number(/ngram 1=(\d+)/.exec(text)?.[1]);
  const section = text.slice(text.indexOf('\\1-grams:') + '\\1-grams:'.length).split('\n\\')[0]!;
  // The last line may be cut in the middle.
  const unigrams = section.split('\n').map((line) => line.split('\t')).filter((fields) => fields.length === 3);
  if (!declared || unigrams.length < 0.99 * declared) throw new Error(`read ${unigrams.length} of ${declared} unigrams from ${GENERAL_LM}`);
  const pronounceable = new Set(readFileSync(CMUDICT, 'utf8').split('\n').map((line) => line.split(' ')[0]!.replace(/\(\d+\)$/, '')));
  const words = unigrams
    .map(([logProb, word]) => ({ word: word!, logProb: Number(logProb) }))
    .filter(({ word }) => /^[a-z][a-z']*$/.test(word) && pronounceable.has(word))
    .sort((a, b) => b.logProb - a.logProb)
    .slice(0, count);
  writeFileSync(OUT, `${words.map(({ word, logProb }) => `${word} ${logProb}`).join('\n')}\n`);
  console.log(`${OUT}: ${words.length} words, from ${words[0]?.word} to ${words.at(-1)?.word}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
