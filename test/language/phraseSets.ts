/**
 * Every phrase set by name, for the benches' set arguments: `dev` is tuned on; `test` and
 * `fresh` are held out (fresh was written later, from the menu alone, to measure again
 * once the test set had informed rules).
 */

import { DEV_SET } from './devSet.ts';
import { FRESH_SET } from './freshSet.ts';
import type { PhraseSet } from './phraseSet.ts';
import { TEST_SET } from './testSet.ts';

export const PHRASE_SETS: readonly PhraseSet[] = [DEV_SET, TEST_SET, FRESH_SET];

/** The sets a bench argument names: one name, a comma list, or "both" / "all". */
export function phraseSetsNamed(names: string): PhraseSet[] {
  if (names === 'both') return [DEV_SET, TEST_SET];
  if (names === 'all') return [...PHRASE_SETS];
  return names.split(',').map((name) => {
    const set = PHRASE_SETS.find((candidate) => candidate.name === name);
    if (!set) throw new Error(`no phrase set "${name}": use ${PHRASE_SETS.map((known) => known.name).join(', ')}, both or all`);
    return set;
  });
}
