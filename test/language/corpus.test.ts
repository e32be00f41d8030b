import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../server/agent/intentParser.ts';
import { corpusWords, languageModel, recognizerCorpus } from '../../server/language/languageModel.ts';
import { generateOrderCorpus } from '../../server/language/orderCorpus.ts';
import { FRESH_SET } from './freshSet.ts';
import { TEST_SET } from './testSet.ts';

const corpus = recognizerCorpus();

describe('the recognizer corpus (ordering and other talk) and its n-gram model', () => {
  it('is the same corpus every time, so the model cache key holds', () => {
    expect(recognizerCorpus()).toEqual(corpus);
    expect(generateOrderCorpus().length).toBe(40_000);
    expect(corpus.length).toBe(45_000);
  });

  it('holds no held-out phrase of six words or more verbatim', () => {
    // Shorter ones ("that's all", "make it two") are the finite stock of ordering and are
    // bound to coincide; a longer one found here would mean a held-out set leaked in.
    const lines = new Set(corpus);
    const long = [...TEST_SET.scripts, ...FRESH_SET.scripts]
      .flat()
      .filter((step) => !step.sound)
      .map((step) => normalise(step.say).replace(/ ?,/g, ''))
      .filter((phrase) => phrase.split(' ').length >= 6);
    expect(long.length).toBeGreaterThan(80);
    expect(long.filter((phrase) => lines.has(phrase))).toEqual([]);
  });

  it('builds an ARPA trigram model with IRSTLM whose words all have pronunciations', () => {
    const files = languageModel(corpus);
    expect(existsSync(files.lm)).toBe(true);
    const arpa = readFileSync(files.lm, 'utf8');
    expect(arpa).toMatch(/ngram\s+3=\s*\d+/);
    const dictionary = new Set(readFileSync(files.dict, 'utf8').split('\n').map((line) => line.split(' ')[0]!.replace(/\(\d+\)$/, '')));
    expect(corpusWords(corpus).filter((word) => !dictionary.has(word))).toEqual([]);
  });
});
