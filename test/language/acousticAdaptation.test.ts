import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalise } from '../../server/agent/intentParser.ts';
import { generateOrderCorpus } from '../../server/language/orderCorpus.ts';
import { ADAPTATION_VOICES, adaptationSentences, STOCK_ACOUSTIC_MODEL } from '../../server/speech/acousticAdaptation.ts';
import { PocketsphinxRecognizer } from '../../server/speech/pocketsphinxRecognizer.ts';
import { readSendump, writeMixtureWeights } from '../../server/speech/sphinxModelFiles.ts';
import { SPOKEN_VOICES, wordAccuracy } from '../../scripts/speechScoring.ts';
import { DEV_SET } from './devSet.ts';
import { TEST_SET } from './testSet.ts';

const work = mkdtempSync(join(tmpdir(), 'acoustic-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the stock model's mixture weights, decompressed for SphinxTrain", () => {
  const weights = readSendump(readFileSync(join(STOCK_ACOUSTIC_MODEL, 'sendump')));

  it('are a probability distribution over the densities of every senone and stream', () => {
    expect([weights.senones, weights.streams, weights.densities]).toEqual([5126, 3, 128]);
    for (const senone of [0, 1, 2500, 5125]) {
      for (let stream = 0; stream < weights.streams; stream += 1) {
        const start = (senone * weights.streams + stream) * weights.densities;
        const sum = weights.weights.subarray(start, start + weights.densities).reduce((total, weight) => total + weight, 0);
        // 8-bit quantised log weights: a sum near 1, not exactly 1.
        expect(sum).toBeGreaterThan(0.9);
        expect(sum).toBeLessThan(1.1);
      }
    }
  });

  it('are written as a Sphinx-3 parameter file with its header, byte-order mark and dimensions', () => {
    const file = writeMixtureWeights(weights);
    const headerEnd = file.indexOf('endhdr\n') + 'endhdr\n'.length;
    expect(file.toString('latin1', 0, headerEnd)).toMatch(/^s3\nversion 1\.0\n *endhdr\n$/);
    expect(headerEnd % 4).toBe(0);
    expect(file.readInt32LE(headerEnd)).toBe(0x11223344);
    expect([1, 2, 3, 4].map((index) => file.readUInt32LE(headerEnd + 4 * index))).toEqual([5126, 3, 128, 5126 * 3 * 128]);
  });
});

describe('what the acoustic model adapts on', () => {
  it('is spoken by voices the benches do not use', () => {
    const benchVoices = SPOKEN_VOICES.map((voice) => voice.voice);
    expect(ADAPTATION_VOICES.filter((voice) => benchVoices.includes(voice))).toEqual([]);
  });

  it('is drawn from the order corpus and holds no phrase of either phrase set', () => {
    const sentences = adaptationSentences();
    expect(sentences.length).toBe(300);
    const corpus = new Set(generateOrderCorpus());
    expect(sentences.filter((sentence) => !corpus.has(sentence))).toEqual([]);
    const phrases = new Set([...DEV_SET.scripts, ...TEST_SET.scripts].flat().filter((step) => !step.sound).map((step) => normalise(step.say).replace(/ ?,/g, '')));
    expect(sentences.filter((sentence) => phrases.has(sentence))).toEqual([]);
  });
});

describe('the adapted acoustic model', () => {
  it('hears development phrases in a bench voice better than the stock model', { timeout: 180_000 }, async () => {
    const phrases = DEV_SET.scripts.flat().filter((step) => !step.sound && !step.outOfScope).map((step) => step.say).slice(0, 12);
    const adapted = new PocketsphinxRecognizer({ maxProcesses: 1, maxWaiting: 100, acousticModel: 'adapted' });
    const stock = new PocketsphinxRecognizer({ maxProcesses: 1, maxWaiting: 100, acousticModel: 'stock' });
    const tally = { adapted: { total: 0, errors: 0 }, stock: { total: 0, errors: 0 } };
    try {
      for (const phrase of phrases) {
        const raw = join(work, 'phrase.raw');
        execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', join(work, 'phrase.wav'), '--', phrase]);
        execFileSync('sox', ['-V1', '-D', join(work, 'phrase.wav'), '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', raw, 'pad', '0.3', '0.3']);
        const bytes = readFileSync(raw);
        const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
        wordAccuracy(tally.adapted, phrase, (await adapted.recognisePcm(pcm)).text);
        wordAccuracy(tally.stock, phrase, (await stock.recognisePcm(pcm)).text);
      }
    } finally {
      adapted.dispose();
      stock.dispose();
    }
    // Measured: about 5 % of words wrong adapted, about 45 % stock.
    expect(tally.adapted.errors).toBeLessThan(tally.stock.errors / 2);
  });
});
