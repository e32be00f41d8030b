import { describe, expect, it } from 'vitest';
import { parseTimedOutput } from '../server/speech/pocketsphinxRecognizer.ts';

describe("pocketsphinx's timed output", () => {
  it('gives the words and their mean posterior, without markers', () => {
    const stdout = ['do you', '<s> 0.000 0.020 1.000000', 'do 0.030 0.160 0.2', 'you(2) 0.170 0.240 0.6', '<sil> 0.25 0.3 1.0', '</s> 1.140 1.580 1.000000'].join('\n');
    expect(parseTimedOutput(stdout)).toEqual({ text: 'do you', confidence: 0.4 });
  });

  it('leaves short function words out of the confidence (regression: "a coke", well heard, was rejected)', () => {
    const stdout = ['a coke', '<s> 0.000 0.020 1.000000', 'a 0.030 0.100 0.23', 'coke 0.100 0.500 0.99', '</s> 0.5 0.6 1.0'].join('\n');
    expect(parseTimedOutput(stdout)).toEqual({ text: 'a coke', confidence: 0.99 });
    const onlyArticles = ['the a', 'the 0.0 0.1 0.2', 'a 0.1 0.2 0.4'].join('\n');
    expect(parseTimedOutput(onlyArticles).confidence).toBeCloseTo(0.3);
  });

  it("drops the grammar decoder's (NULL) markers (regression: they reached the transcript)", () => {
    const stdout = ['(NULL) a coke (NULL)', '(NULL) 0.0 0.1 1.0', 'a 0.1 0.2 1.0', 'coke 0.2 0.5 1.0', '(NULL) 0.5 0.6 1.0'].join('\n');
    expect(parseTimedOutput(stdout).text).toBe('a coke');
  });

  it('hears nothing in output with no word lines', () => {
    expect(parseTimedOutput('')).toEqual({ text: '', confidence: 0 });
  });
});
