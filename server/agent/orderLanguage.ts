/**
 * The words a customer orders with at the local kiosk: numbers, how menu items and
 * modifiers are named (the menu's own names plus the everyday ones), and the cue words
 * that mark removals, corrections, confirmations and questions. The intent parser reads
 * these, and the recognizer's corpus generator speaks them, so what can be heard is what
 * can be understood.
 */

import { MENU, MODIFIERS, SIZES, type MenuItem, type Size } from '../../src/menu/menu.ts';

/** "a" as it is said before these words: "an iced tea", "a coke". */
export function indefiniteArticle(words: string): 'a' | 'an' {
  return /^[aeiou]/.test(words) ? 'an' : 'a';
}

export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20,
};

/** Everyday names beyond the menu's own, and names that fit several items. */
export const ITEM_ALIASES: Record<string, string[]> = {
  veggie_burger: ['vegetarian burger', 'vegetarian burgers'],
  chicken_sandwich: ['sandwich', 'sandwiches'],
  onion_rings: ['rings', 'onion ring'],
  nuggets: ['nugget', 'chicken nugget'],
  coke: ['coca cola', 'coca colas'],
  iced_tea: ['ice tea', 'ice teas', 'tea', 'teas'],
  water: ['bottle of water', 'bottles of water'],
  apple_pie: ['pie', 'pies'],
};
/**
 * Common foods and drinks that are not on the menu: the agent says it has none, and an order
 * that names one beside a menu item ("cheese pizza" heard as "cheeseburger pizza") adds nothing.
 * The recognizer's corpus speaks them too, so the food's own name is heard.
 */
export const OFF_MENU_FOODS = [
  'pizza', 'pizzas', 'hot dog', 'hot dogs', 'taco', 'tacos', 'burrito', 'burritos', 'sushi', 'pasta', 'spaghetti', 'steak',
  'soup', 'bagel', 'bagels', 'donut', 'donuts', 'pancakes', 'waffles', 'noodles', 'rice', 'chicken wings', 'wings', 'wrap',
  'pretzel', 'nachos', 'kebab', 'curry', 'beer', 'wine', 'orange juice', 'juice', 'muffin', 'croissant', 'popcorn',
  'candy', 'chips', 'ice cream', 'cake', 'toast', 'eggs', 'fish', 'lobster',
];
/** Said alone, these fit more than one item: the agent asks which. */
export const AMBIGUOUS_NAMES: Record<string, string[]> = {
  burger: ['hamburger', 'cheeseburger', 'veggie_burger'],
  burgers: ['hamburger', 'cheeseburger', 'veggie_burger'],
  soda: ['coke', 'sprite'],
  sodas: ['coke', 'sprite'],
};

export interface ItemPhrase {
  /** One item, or several when the words fit several. */
  itemIds: string[];
  words: string;
}

/** Every way an item is named, longest first so "chicken sandwich" wins over "sandwich". */
export function itemPhrases(menu: readonly MenuItem[] = MENU): ItemPhrase[] {
  const phrases = new Map<string, string[]>();
  for (const [words, ids] of Object.entries(AMBIGUOUS_NAMES)) phrases.set(words, ids);
  for (const item of menu) {
    for (const words of [...item.spoken, ...item.spokenPlural, ...(ITEM_ALIASES[item.id] ?? [])]) {
      // The menu's "burger" for the hamburger is overridden: said alone it fits three burgers.
      if (!AMBIGUOUS_NAMES[words]) phrases.set(words, [item.id]);
    }
  }
  return [...phrases]
    .map(([words, itemIds]) => ({ words, itemIds }))
    .sort((a, b) => b.words.length - a.words.length);
}

export function modifierPhrases(): { modifierId: string; words: string; position: 'before' | 'after' }[] {
  return MODIFIERS.flatMap((modifier) =>
    modifier.spoken.map((words) => ({ modifierId: modifier.id, words, position: modifier.position })),
  ).sort((a, b) => b.words.length - a.words.length);
}

export const SIZE_WORDS: readonly Size[] = SIZES;

/** Words that carry nothing for the order: dropped before parsing. */
export const FILLERS = [
  'um', 'umm', 'uh', 'er', 'erm', 'hmm', 'oh', 'well', 'so', 'okay', 'ok', 'alright', 'all right', 'yeah', 'yes',
  'yep', 'please', 'thanks', 'thank you', 'thank', 'great', 'cool', 'perfect', 'awesome', 'lovely', 'then', 'for me',
  'for the team', 'as well', 'too', 'also', 'plus', 'now', 'here', 'like', 'maybe', 'i guess', 'and', 'hey', 'hi',
  'hello', 'there', 'good morning', 'good afternoon', 'good evening', 'for us', 'where was i', 'let me see',
  'let me think',
];
export const GREETINGS = ['hello', 'hi', 'hey', 'hi there', 'hello there', 'good morning', 'good afternoon', 'good evening', 'howdy'];
export const ORDER_LEADS = [
  "i'd like", 'i would like', "i'd love", 'can i have', 'can i get', 'could i have', 'could i get', 'could i please have',
  'can i please have', 'can i please get', 'may i have', 'i want', 'i need', "i'll have", "i'll take", "i'll get",
  "we'll have", "we'd like", 'give me', 'gimme', 'get me', 'let me get', 'let me have', 'add', 'can you add',
  'could you add', 'please add', "i'll go with", 'how about',
];
export const REMOVE_LEADS = [
  'remove', 'take off', 'take away', 'take out', 'cancel', 'scratch', 'get rid of', 'drop', 'delete', 'forget',
  'never mind', 'nevermind', 'no more', "i don't want", 'i do not want', "we don't want", 'leave out',
];
export const CORRECTION_CUES = ['no wait', 'wait', 'hold on', 'actually', 'sorry', 'oops', 'i mean', 'i meant', 'or rather', 'rather'];
export const SET_CUES = ['make that', 'make it', 'change that to', 'change it to'];
export const CLEAR_PHRASES = [
  'start over', 'start again', "let's start over", "let's start again", 'clear the order', 'clear my order',
  'cancel everything', 'cancel the order', 'cancel my order', 'forget everything', 'cancel all of it',
  'clear everything', 'begin again', 'reset the order',
];
/** Only these confirm: a fragment ("okay", "good", "yeah") never does. */
export const CONFIRM_PHRASES = [
  "that's all", "that's it", "that's everything", 'that is all', 'that is it', "that'll be all", 'that will be all',
  "that's all i need", "that's all i want", "that's my order", "that's the order", "i'm done", "i'm finished",
  'i am done', "we're done", "we're all set", "i'm all set", 'all set', 'nothing else', "that's it for me",
  "that's all for me", 'confirm', 'confirm the order', 'confirm my order', 'confirm it', 'place the order',
  'place my order', "that's it for today", 'finish the order', 'finish my order', 'done ordering', 'no that is all',
  "no that's all", "no that's it", 'nothing more',
];
/**
 * After "can you", "could you", "would you" or "will you", the verbs that ask for a change to
 * the order. Any other verb asks the kiosk for something else.
 */
export const ORDER_REQUEST_VERBS = [
  'add', 'get', 'give', 'make', 'bring', 'put', 'throw', 'include', 'grab', 'do', 'change', 'swap', 'switch',
  'replace', 'exchange', 'remove', 'take', 'cancel', 'scratch', 'drop', 'delete', 'forget', 'double', 'upgrade',
  'set', 'also', 'just', 'please', 'go', 'start', 'clear', 'confirm', 'finish', 'place', 'ring', 'leave', 'hold',
];
export const QUESTION_STARTS = [
  'how', 'what', "what's", 'whats', 'which', 'is', 'are', 'does', 'do', 'where', 'when', 'why', 'who', 'will',
  'is there', 'tell me', 'can you tell me',
];
