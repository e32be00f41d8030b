/**
 * The language a customer orders in at the local kiosk: the phrases for each intent and
 * how menu items are named. Both the recognizer's grammar and the agent's parser are
 * built from this one definition, so what can be heard is exactly what can be understood.
 */

import { MENU, MODIFIERS, SIZES, type MenuItem, type Size } from '../../src/menu/menu.ts';

export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

export const ORDER_LEADS = [
  "i'd like", 'i would like', 'can i have', 'can i get', 'i want', "i'll have", 'give me', 'add', 'and', 'also',
];
// "take off" is left out: the recognizer heard it as an order for two more items.
export const REMOVE_LEADS = ['remove', 'cancel', 'no more'];
/** For items whose singular and plural are the same word: "an order of fries". */
export const ORDER_OF = 'an order of';
export const CLEAR_PHRASES = ['clear the order', 'start over', 'cancel everything', 'cancel the order'];
export const CONFIRM_PHRASES = ["that's all", "that's it", "i'm done", 'confirm the order', 'that will be all', "that's everything"];
export const POLITE_TAIL = 'please';

export interface ItemPhrase {
  itemId: string;
  words: string;
  plural: boolean;
}

/** Every way an item is named, longest first so "chicken sandwich" wins over shorter names. */
export function itemPhrases(menu: readonly MenuItem[] = MENU): ItemPhrase[] {
  const phrases: ItemPhrase[] = [];
  for (const item of menu) {
    for (const words of item.spoken) phrases.push({ itemId: item.id, words, plural: false });
    for (const words of item.spokenPlural) phrases.push({ itemId: item.id, words, plural: true });
  }
  return phrases.sort((a, b) => b.words.length - a.words.length);
}

export function modifierPhrases(): { modifierId: string; words: string; position: 'before' | 'after' }[] {
  return MODIFIERS.flatMap((modifier) =>
    modifier.spoken.map((words) => ({ modifierId: modifier.id, words, position: modifier.position })),
  ).sort((a, b) => b.words.length - a.words.length);
}

export const SIZE_WORDS: readonly Size[] = SIZES;
