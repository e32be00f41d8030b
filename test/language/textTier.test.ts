import { describe, expect, it } from 'vitest';
import { DEV_SET } from './devSet.ts';
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

  it('leaves the cart alone, and unconfirmed, for every out-of-scope utterance in both sets', () => {
    const outOfScope = [...runTextTier(DEV_SET), ...runTextTier(TEST_SET)].filter((result) => result.step.outOfScope);
    expect(outOfScope.length).toBeGreaterThanOrEqual(30);
    expect(failures(outOfScope)).toEqual([]);
  });
});
