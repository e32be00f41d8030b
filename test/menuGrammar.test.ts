import { describe, expect, it } from 'vitest';
import { MENU } from '../src/menu/menu.ts';
import { buildDictionary, buildGrammar, grammarWords } from '../server/speech/menuGrammar.ts';

const CMUDICT_SAMPLE = ['coke K OW K', 'cola K OW L AH', 'sundae S AH N D EY', 'remove R IY M UW V', 'the DH AH', 'the(2) DH IY'].join('\n');

describe('grammar and dictionary generated from the menu', () => {
  it('names every menu item, singular and plural', () => {
    const grammar = buildGrammar();
    for (const item of MENU) {
      for (const words of [...item.spoken, ...item.spokenPlural]) expect(grammar).toContain(words);
    }
  });

  it('allows "an" only before items that start with a vowel', () => {
    const grammar = buildGrammar();
    expect(grammar).toMatch(/<one_iced_tea> = [^;]*\(an \| one\) \(iced tea\)/);
    expect(grammar).not.toMatch(/<one_coke> = [^;]*\(an/);
  });

  it('cuts the dictionary to the grammar words, keeps alternates, and derives missing plurals', () => {
    const dictionary = buildDictionary(['coke', 'cokes', 'sundaes', 'the'], CMUDICT_SAMPLE);
    expect(dictionary.split('\n').filter(Boolean)).toEqual(['coke K OW K', 'cokes K OW K S', 'sundaes S AH N D EY Z', 'the DH AH', 'the(2) DH IY']);
  });

  it('every word of the real menu is in the installed CMUdict or derived from it', () => {
    const dictionary = buildDictionary(grammarWords(buildGrammar()));
    expect(dictionary).toMatch(/^cheeseburgers /m);
    expect(dictionary).toMatch(/^milkshakes /m);
  });

  it('refuses a word the recognizer cannot pronounce, so a bad menu name fails at build time', () => {
    expect(() => buildDictionary(['coke', 'zzyzx'], CMUDICT_SAMPLE)).toThrow('zzyzx');
  });

  it('lists grammar words without rule names or operators', () => {
    const words = grammarWords(buildGrammar());
    expect(words).toContain('cheeseburgers');
    expect(words.some((word) => /[<>()|[\];]/.test(word))).toBe(false);
  });
});
