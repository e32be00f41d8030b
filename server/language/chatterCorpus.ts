/**
 * Talk that is not ordering, for the language model to recognise as such. Without it the
 * model knew only menu words, so any speech — "can I get a pizza", "excuse me", a remark
 * to a friend — was forced onto the nearest order and could add an item nobody asked
 * for. Two kinds of line, seeded like the order corpus:
 * - everyday English words in random runs, drawn by their frequency in the general model
 *   that ships with pocketsphinx (general-words.txt, made by scripts/make-general-words.ts);
 * - requests for food this kiosk does not sell, worded like orders, so the food's own
 *   name is heard instead of a menu item's. Half of them name the food with a word the
 *   menu also uses ("a cheese pizza", "chicken wings", "a chocolate cake"): without those
 *   the model had never seen "a cheese", and the real path heard "a cheese pizza please"
 *   as "a cheeseburger to please" in 5 of 28 tries (a held-out test-set phrase; the
 *   descriptors come from the menu, not from that set).
 */

import { readFileSync } from 'node:fs';
import { MENU, MODIFIERS } from '../../src/menu/menu.ts';
import { indefiniteArticle, OFF_MENU_FOODS, ORDER_LEADS } from '../agent/orderLanguage.ts';
import { createRng } from '../seededRandom.ts';

const GENERAL_WORDS = new URL('./general-words.txt', import.meta.url);

/** How strongly a word's frequency counts: below 1 flattens it, so rarer words still come up. */
const FREQUENCY_WEIGHT = 0.6;

export function readGeneralWords(): { word: string; weight: number }[] {
  return readFileSync(GENERAL_WORDS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [word, logProb] = line.split(' ');
      return { word: word!, weight: 10 ** (Number(logProb) * FREQUENCY_WEIGHT) };
    });
}

const NOT_DESCRIPTORS = new Set(['with', 'without', 'extra', 'no']);

/** Words the menu puts before a food's name: "chicken" of "chicken sandwich", "cheese" of "extra cheese". */
export function menuDescriptors(): string[] {
  const words = [
    ...MENU.flatMap((item) => item.spoken.flatMap((name) => name.split(' ').slice(0, -1))),
    ...MODIFIERS.flatMap((modifier) => modifier.spoken.flatMap((spoken) => spoken.split(' '))),
  ];
  // Plurals ("pickles") do not name a kind of food.
  return [...new Set(words.filter((word) => !NOT_DESCRIPTORS.has(word) && !word.endsWith('s')))];
}

export function generateChatterCorpus(lines = 5_000, seed = 29): string[] {
  const next = createRng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const words = readGeneralWords();
  const cumulative: number[] = [];
  words.reduce((sum, { weight }) => (cumulative.push(sum + weight), sum + weight), 0);
  const total = cumulative.at(-1)!;
  const word = () => {
    const roll = next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < roll) low = middle + 1;
      else high = middle;
    }
    return words[low]!.word;
  };
  const descriptors = menuDescriptors();
  const corpus: string[] = [];
  while (corpus.length < lines) {
    if (next() < 0.2) {
      const food = `${next() < 0.5 ? `${pick(descriptors)} ` : ''}${pick(OFF_MENU_FOODS)}`;
      const article = food.endsWith('s') ? pick(['', 'some', 'two', 'three']) : pick(['a', 'a', 'one', 'some', 'the']);
      const spokenArticle = article === 'a' ? indefiniteArticle(food) : article;
      corpus.push(`${pick(['', '', 'um', 'uh', 'so', 'hi'])} ${pick(['', ...ORDER_LEADS, 'do you have', 'do you sell'])} ${spokenArticle} ${food} ${pick(['', '', 'please', 'too'])}`.replace(/\s+/g, ' ').trim());
    } else {
      const length = 1 + Math.floor(next() * next() * 9);
      corpus.push(Array.from({ length }, word).join(' '));
    }
  }
  return corpus;
}
