/**
 * Builds the recognizer's n-gram language model from the generated order corpus with
 * Debian's IRSTLM (add-start-end.sh → build-lm.sh → compile-lm to ARPA), and a dictionary
 * of its words cut from CMUdict. Built once per corpus: the files are cached under a
 * directory named by the corpus's hash, so a restart with the same menu starts at once
 * and a menu change rebuilds.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDictionary } from '../speech/menuGrammar.ts';
import { generateChatterCorpus } from './chatterCorpus.ts';
import { generateOrderCorpus } from './orderCorpus.ts';

const IRSTLM = '/usr/lib/irstlm';
/** Trigrams, Witten-Bell smoothing: IRSTLM's defaults that worked on ordering text here. */
const BUILD_ARGS = ['-n', '3', '-k', '1', '-s', 'witten-bell'];

export interface LanguageModelFiles {
  lm: string;
  dict: string;
  corpusHash: string;
}

export function corpusWords(lines: readonly string[]): string[] {
  return [...new Set(lines.flatMap((line) => line.split(' ')).filter(Boolean))].sort();
}

function run(command: string, args: string[], cwd: string, stdin?: string): Buffer {
  return execFileSync(join(IRSTLM, 'bin', command), args, {
    cwd,
    input: stdin,
    env: { ...process.env, IRSTLM, PATH: `${join(IRSTLM, 'bin')}:${process.env.PATH ?? ''}` },
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** What the model learns from: how people order here, and talk that is not ordering. */
export function recognizerCorpus(): string[] {
  return [...generateOrderCorpus(), ...generateChatterCorpus()];
}

/** The model for this corpus, built if it is not in the cache yet. */
export function languageModel(corpus: readonly string[] = recognizerCorpus(), cacheRoot = process.env.LM_CACHE_DIR ?? join(tmpdir(), 'voice-kiosk-lm')): LanguageModelFiles {
  const text = `${corpus.join('\n')}\n`;
  const corpusHash = createHash('sha256').update(JSON.stringify(BUILD_ARGS)).update(text).digest('hex').slice(0, 16);
  const dir = join(cacheRoot, corpusHash);
  const files = { lm: join(dir, 'order.lm'), dict: join(dir, 'order.dict'), corpusHash };
  if (existsSync(files.lm) && existsSync(files.dict)) return files;
  mkdirSync(cacheRoot, { recursive: true });
  // Built aside and renamed into place, so two servers starting together never read half a model.
  const work = mkdtempSync(join(cacheRoot, `build-${corpusHash}-`));
  try {
    writeFileSync(join(work, 'corpus.txt'), text);
    writeFileSync(join(work, 'marked.txt'), run('add-start-end.sh', [], work, text));
    run('build-lm.sh', ['-i', 'marked.txt', '-o', 'order.lm.gz', '-t', join(work, 'stat'), '-l', join(work, 'build.log'), ...BUILD_ARGS], work);
    run('compile-lm', ['--text=yes', 'order.lm.gz', 'order.lm'], work);
    writeFileSync(join(work, 'order.dict'), buildDictionary(corpusWords(corpus)));
    rmSync(join(work, 'stat'), { recursive: true, force: true });
    try {
      renameSync(work, dir);
    } catch {
      // Another process finished first; its model is the same one.
      rmSync(work, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  if (!readFileSync(files.lm, 'utf8').includes('\\data\\')) throw new Error(`the language model in ${dir} is not an ARPA file`);
  return files;
}
