/**
 * Generates the text the recognizer's language model is trained on: how customers order
 * from this menu, from the order language's words. Adds with quantities and sizes,
 * several items at once, fillers and politeness, removals, quantity and size changes,
 * corrections, swaps, confirmations, starting over, questions and greetings. Seeded, so
 * the same menu always gives the same corpus (and the model cache key stays put).
 */

import { MENU, MODIFIERS, type MenuItem } from '../../src/menu/menu.ts';
import { createRng } from '../seededRandom.ts';
import {
  CLEAR_PHRASES,
  CONFIRM_PHRASES,
  GREETINGS,
  indefiniteArticle,
  ITEM_ALIASES,
  NUMBER_WORDS,
  ORDER_LEADS,
  REMOVE_LEADS,
  SIZE_WORDS,
} from '../agent/orderLanguage.ts';

const COUNTS = Object.keys(NUMBER_WORDS);
const OPENERS = ['', '', '', '', 'um', 'uh', 'okay', 'so', 'yeah', 'oh', 'hi', 'hello', 'hi there', 'alright', 'well', 'and', 'also', 'oh and', 'good morning'];
const CLOSERS = ['', '', '', '', 'please', 'thanks', 'thank you', 'too', 'as well', 'for me', 'then', 'please and thank you'];
const LEADS = ['', '', '', ...ORDER_LEADS, 'i will have', 'i will take', 'we will have', 'could you add', 'i would love', 'i am going to have', 'can we get', 'can we have', "i'll do"];
const CORRECTIONS = ['no wait', 'actually', 'sorry', 'oops', 'i mean', 'wait', 'no sorry', 'hold on', 'oh actually', 'sorry i meant', 'actually no'];
const DIET = ['vegan', 'vegetarian', 'spicy', 'gluten free', 'dairy free', 'healthy', 'decaf', 'fresh', 'hot', 'cold', 'sweet'];
const CONTAINS = ['nuts', 'dairy', 'meat', 'gluten', 'cheese', 'pickles', 'onions', 'sugar', 'caffeine', 'eggs'];
const PAYMENTS = ['card', 'a card', 'cash', 'apple pay', 'google pay', 'credit card', 'debit card', 'my phone', 'contactless'];
const CATEGORY_NAMES = ['drink', 'drinks', 'dessert', 'desserts', 'side', 'sides', 'burger', 'sandwich', 'thing', 'item'];

interface Names {
  one: string[];
  many: string[];
}

function namesOf(item: MenuItem): Names {
  const aliases = ITEM_ALIASES[item.id] ?? [];
  return {
    one: [...item.spoken, ...aliases.filter((alias) => !alias.endsWith('s') || item.spoken.includes(alias))],
    many: [...item.spokenPlural, ...aliases.filter((alias) => alias.endsWith('s'))],
  };
}

export function generateOrderCorpus(lines = 40_000, seed = 13, menu: readonly MenuItem[] = MENU): string[] {
  // Seeded: the corpus must not change between runs.
  const next = createRng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const maybe = (chance: number, text: string) => (next() < chance ? text : '');
  const names = new Map(menu.map((item) => [item.id, namesOf(item)]));
  const modifiersOf = (item: MenuItem, position: 'before' | 'after') =>
    MODIFIERS.filter((modifier) => item.modifiers?.includes(modifier.id) && modifier.position === position).flatMap((modifier) => modifier.spoken);

  /** "a large chocolate shake with extra cheese", "three orders of onion rings", "two cokes". */
  function itemPhrase(item: MenuItem, count?: number): string {
    const quantity = count ?? (next() < 0.55 ? 1 : 2 + Math.floor(next() * next() * 19));
    const own = names.get(item.id)!;
    const size = item.sizes ? maybe(0.5, pick(SIZE_WORDS)) : '';
    const before = maybe(0.5, pick(modifiersOf(item, 'before').concat([''])));
    const after = modifiersOf(item, 'after');
    const tail = after.length ? maybe(0.35, pick(after)) + maybe(0.15, ` and ${pick(after).replace(/^with /, '')}`) : '';
    const sizeAfter = item.sizes && !size && next() < 0.1 ? pick(SIZE_WORDS) : '';
    if (quantity === 1) {
      const name = pick(own.one);
      const head = `${size} ${before} ${name}`.trim();
      const article = pick(['a', 'a', 'one', 'an order of', 'some', 'the']);
      const fitted = article === 'a' ? indefiniteArticle(head) : article;
      return `${fitted} ${head} ${tail} ${sizeAfter}`;
    }
    const orders = maybe(0.1, 'orders of ');
    return `${COUNTS[quantity - 1]} ${orders}${size} ${before} ${pick(own.many)} ${tail} ${sizeAfter}`;
  }

  function order(): string {
    const count = 1 + Math.floor(next() * next() * 4);
    const parts = Array.from({ length: count }, () => itemPhrase(pick(menu)));
    const joined = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(pick([' and ', ' ', ' and ']))} and ${parts.at(-1)}`;
    return `${pick(OPENERS)} ${pick(LEADS)} ${joined} ${pick(CLOSERS)} ${maybe(0.08, pick(CONFIRM_PHRASES))}`;
  }

  const oneName = (item: MenuItem) => pick(names.get(item.id)!.one);
  const anyName = (item: MenuItem) => pick(next() < 0.5 ? names.get(item.id)!.one : names.get(item.id)!.many);
  const count = () => pick(COUNTS);

  const makers: [weight: number, make: () => string][] = [
    [40, order],
    [6, () => `${pick(OPENERS)} ${pick(REMOVE_LEADS)} ${pick(['the', 'the', 'my', 'that', ''])} ${anyName(pick(menu))} ${pick(CLOSERS)}`],
    [3, () => `${pick(['remove', 'take off', 'take away', 'cancel', 'drop'])} ${count()} ${maybe(0.4, 'of the ')}${anyName(pick(menu))}`],
    [2, () => `${pick(["i don't want the", 'i do not want the', "we don't need the", 'no more'])} ${anyName(pick(menu))} ${pick(['anymore', '', 'please'])}`],
    [2, () => `take ${pick(['the', count()])} ${anyName(pick(menu))} ${pick(['off', 'out', 'away'])}`],
    [2, () => `${pick(['scratch that', 'cancel that', 'forget that', 'never mind that', 'forget it', 'remove that'])}`],
    [5, () => `${maybe(0.5, pick(CORRECTIONS))} ${pick(['make that', 'make it', 'change that to', 'change it to'])} ${count()} ${maybe(0.4, anyName(pick(menu)))}`],
    [4, () => `${pick(['change the', 'make the'])} ${anyName(pick(menu))} ${pick(['to', ''])} ${count()}`],
    [4, () => `${maybe(0.6, pick(CORRECTIONS))} ${pick(['just', 'only', 'i meant', ''])} ${count()} ${anyName(pick(menu))} ${maybe(0.3, 'instead')}`],
    [4, () => `${itemPhrase(pick(menu))} ${pick(CORRECTIONS)} ${itemPhrase(pick(menu))}`],
    [3, () => `${itemPhrase(pick(menu))} ${pick(CORRECTIONS)} make that ${count()}`],
    [3, () => `${pick(['swap the', 'replace the', 'switch the', 'change the'])} ${anyName(pick(menu))} ${pick(['for', 'with', 'to'])} ${itemPhrase(pick(menu))}`],
    [2, () => `${maybe(0.5, pick(CORRECTIONS))} ${itemPhrase(pick(menu))} instead ${maybe(0.5, `of the ${anyName(pick(menu))}`)}`],
    [3, () => {
      const sized = menu.filter((item) => item.sizes);
      return `${maybe(0.4, pick(CORRECTIONS))} ${pick(['make the', 'change the'])} ${oneName(pick(sized))} ${pick(['', 'a', 'to a', 'to'])} ${pick(SIZE_WORDS)}`;
    }],
    [2, () => `${maybe(0.4, pick(CORRECTIONS))} make it ${pick(['a', ''])} ${pick(SIZE_WORDS)}`],
    [4, () => `${pick(['another', 'one more', 'and another', 'an extra', 'add another', 'one more order of'])} ${oneName(pick(menu))} ${pick(CLOSERS)}`],
    [2, () => `${pick(['another one', 'one more', 'same again', 'and one with', 'one with', 'and one'])} ${pick(['', 'bacon', 'extra cheese', 'no pickles', 'no onions', 'chocolate', 'vanilla', 'strawberry'])}`],
    [7, () => `${pick(['', '', 'yes', 'okay', 'great', 'thanks', 'perfect', 'alright', 'no', 'yep', 'cool'])} ${pick(CONFIRM_PHRASES)} ${pick(['', '', 'thanks', 'thank you', 'please', 'for me', 'for now', 'for today'])}`],
    [3, () => `${pick(['', 'okay', 'sorry', 'actually', 'um'])} ${pick(CLEAR_PHRASES)} ${pick(['', 'please'])}`],
    [3, () => `${pick(['how much is', 'how much are', "what's the price of", 'what does', 'how much does'])} ${pick(['a', 'the', 'an order of', count()])} ${anyName(pick(menu))} ${pick(['', 'cost'])}`],
    [2, () => `${pick(['how much is that', 'how much is my order', "what's my total", 'how much is it altogether', 'how much is that altogether', 'what does it come to', 'how much do i owe'])}`],
    [3, () => `${pick(["what's in the", 'what is in the', 'what comes on the', 'what comes with the', "what's on the", 'what kind of', 'tell me about the', 'what flavors of', 'what is the'])} ${anyName(pick(menu))} ${pick(['', 'come with', 'like'])}`],
    [2, () => `${pick(['what sizes do the', 'what size is the', 'how big is the', 'what sizes does the'])} ${anyName(pick(menu))} ${pick(['', 'have'])}`],
    [3, () => `${pick(['is the', 'are the', 'is your'])} ${anyName(pick(menu))} ${pick(DIET)}`],
    [2, () => `${pick(['does the', 'is there any'])} ${anyName(pick(menu))} ${pick(['have', 'contain', 'come with'])} ${pick(CONTAINS)}`],
    [2, () => `${pick(['do you have anything', 'do you have any', 'what do you have that is', 'is there anything', 'what is'])} ${pick(DIET)} ${pick(['', 'options', 'food'])}`],
    [2, () => `${pick(['what do you recommend', "what's good here", "what's popular", 'what should i get', "what's your best", 'any recommendations', 'what do you suggest', "what's your favorite"])}`],
    [2, () => `${pick(['can i pay with', 'can i pay by', 'do you take', 'do you accept', 'can i use', 'i will pay with'])} ${pick(PAYMENTS)}`],
    [1, () => `${pick(["what's your cheapest", 'what is the cheapest', 'which is the cheapest'])} ${pick(CATEGORY_NAMES)}`],
    [1, () => `${pick(['what do you have', "what's on the menu", 'what kind of drinks do you have', 'what desserts do you have', 'do you have', 'do you sell'])} ${maybe(0.3, anyName(pick(menu)))}`],
    [2, () => `${pick(GREETINGS)} ${pick(['', '', 'there', 'how are you', 'can i order', 'i would like to order'])}`],
  ];
  const totalWeight = makers.reduce((sum, [weight]) => sum + weight, 0);
  // "that'll" is spelled out: as one word it swallowed the "s all" of "that's all".
  // Repeats are kept: how often a phrasing comes up is what the n-gram counts learn from.
  const corpus: string[] = [];
  while (corpus.length < lines) {
    let roll = next() * totalWeight;
    const make = makers.find(([weight]) => (roll -= weight) < 0)![1];
    const line = make().replace(/\bthat'll\b/g, 'that will').replace(/\s+/g, ' ').trim();
    if (line) corpus.push(line);
  }
  return corpus;
}
