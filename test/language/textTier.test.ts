import { describe, expect, it } from 'vitest';
import { DEV_SET } from './devSet.ts';
import { FRESH_SET } from './freshSet.ts';
import type { PhraseSet } from './phraseSet.ts';
import { runTextTier, type StepResult } from './textTier.ts';
import { TEST_SET } from './testSet.ts';

function failures(results: StepResult[]): string[] {
  return results.filter((result) => !result.right).map((result) => `"${result.step.say}" → [${result.cart}]${result.confirmed ? ' confirmed' : ''}: ${result.reply}`);
}

describe('the menu agent on the exact words of the phrase sets', () => {
  it('gets every development phrase right', () => {
    expect(failures(runTextTier(DEV_SET))).toEqual([]);
  });

  it('gets at least 95% of the held-out test orders right', () => {
    const results = runTextTier(TEST_SET).filter((result) => !result.step.outOfScope);
    const right = results.filter((result) => result.right).length;
    expect(results.length).toBeGreaterThanOrEqual(100);
    expect(right / results.length, failures(results).join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('gets at least 85% of the fresh held-out orders right', () => {
    // The fresh set was written from the menu alone, after the test set had informed rules.
    // First measured at 128 of 161 (79.5%); the bugs it found are named tests in
    // menuAgent.test.ts, and 143 of 161 are right with them fixed. A floor, not a target.
    const results = runTextTier(FRESH_SET).filter((result) => !result.step.outOfScope);
    const right = results.filter((result) => result.right).length;
    expect(results.length).toBeGreaterThanOrEqual(150);
    expect(right / results.length, failures(results).join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('never changes or confirms the cart on an out-of-scope utterance, in any set', () => {
    // Judged against the cart before the utterance, as the spoken bench judges it: an earlier
    // missed order leaves the cart unlike the script's, and that is the order's miss.
    const outOfScope = [DEV_SET, TEST_SET, FRESH_SET].flatMap((set) => runTextTier(set)).filter((result) => result.step.outOfScope);
    expect(outOfScope.length).toBeGreaterThanOrEqual(100);
    expect(outOfScope.filter((result) => result.changed).map((result) => `"${result.step.say}" → [${result.cart}]: ${result.reply}`)).toEqual([]);
  });

  it('reads the phrases as the recognizer writes them, with no punctuation', () => {
    // Commas split clauses in the written sets; the real path never has them.
    const bare = (set: PhraseSet): PhraseSet => ({ ...set, scripts: set.scripts.map((script) => script.map((step) => ({ ...step, say: step.say.replace(/[,.?!]/g, '') }))) });
    const rate = (results: StepResult[]) => results.filter((result) => result.right).length / results.length;
    const inScope = (set: PhraseSet) => runTextTier(bare(set)).filter((result) => !result.step.outOfScope);
    expect(failures(inScope(DEV_SET))).toEqual([]);
    expect(rate(inScope(TEST_SET)), failures(inScope(TEST_SET)).join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(rate(inScope(FRESH_SET)), failures(inScope(FRESH_SET)).join('\n')).toBeGreaterThanOrEqual(0.85);
    const changed = [DEV_SET, TEST_SET, FRESH_SET].flatMap((set) => runTextTier(bare(set))).filter((result) => result.step.outOfScope && result.changed);
    expect(changed.map((result) => `"${result.step.say}" → [${result.cart}]`)).toEqual([]);
  });

  it('leaves the cart as the script has it for every out-of-scope utterance of the tuned sets', () => {
    const outOfScope = [...runTextTier(DEV_SET), ...runTextTier(TEST_SET)].filter((result) => result.step.outOfScope);
    expect(outOfScope.length).toBeGreaterThanOrEqual(30);
    expect(failures(outOfScope)).toEqual([]);
  });

  it('replays what a spoken run heard, step by step, sounds included', () => {
    // bench:asr:replay's seam: a transcript per step of the set, judged as the words were.
    const steps = DEV_SET.scripts.flat();
    const asWritten = steps.map((step) => (step.sound ? '' : step.say));
    expect(failures(runTextTier(DEV_SET, asWritten))).toEqual([]);
    // A sound heard as an order adds it: the replay judges what was heard, not the script.
    const firstSound = steps.findIndex((step) => step.sound);
    expect(firstSound).toBeGreaterThanOrEqual(0);
    const misheard = asWritten.map((heard, index) => (index === firstSound ? 'a large coke' : heard));
    const replayed = runTextTier(DEV_SET, misheard).find((result) => result.step === steps[firstSound]);
    expect(replayed?.changed).toBe(true);
    expect(() => runTextTier(DEV_SET, asWritten.slice(1))).toThrow(/transcripts for/);
  });
});
