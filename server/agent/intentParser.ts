/**
 * Turns a transcript into intents with slots: what the customer wants done, not yet
 * against which cart line. Clauses are split at "and", commas and correction cues, so
 * "a cheeseburger, no wait, a hamburger" and "two shakes, actually make that three"
 * become a sequence the agent applies in order. Pure and cart-free: the agent resolves
 * references ("it", "that", "the burger") against the order.
 */

import type { Size } from '../../src/menu/menu.ts';
import {
  CLEAR_PHRASES,
  CONFIRM_PHRASES,
  CORRECTION_CUES,
  FILLERS,
  GREETINGS,
  itemPhrases,
  modifierPhrases,
  NUMBER_WORDS,
  OFF_MENU_FOODS,
  ORDER_LEADS,
  ORDER_REQUEST_VERBS,
  QUESTION_STARTS,
  REMOVE_LEADS,
  SET_CUES,
  SIZE_WORDS,
} from './orderLanguage.ts';

export interface ItemSlot {
  /** Candidates: one when the name is clear, several for "a burger". */
  itemIds: string[];
  quantity: number | null;
  size: Size | null;
  modifiers: string[];
}

export type AskTopic = 'price' | 'total' | 'contents' | 'sizes' | 'dietary' | 'payment' | 'recommend' | 'menu' | 'cheapest' | 'other';

export type Intent =
  | { kind: 'add'; item: ItemSlot; another: boolean }
  /** Add with no item named ("one with bacon", "one more"): the item is the one just spoken of. */
  | { kind: 'addLike'; quantity: number; size: Size | null; modifiers: string[] }
  | { kind: 'remove'; item: ItemSlot | null; count: number | null }
  | { kind: 'setQuantity'; item: ItemSlot | null; quantity: number }
  | { kind: 'setSize'; item: ItemSlot | null; size: Size }
  /** "swap the cookies for apple pies", "no wait, a hamburger": `from` null is the item just added. */
  | { kind: 'replace'; from: ItemSlot | null; to: ItemSlot }
  | { kind: 'undo' }
  | { kind: 'confirm' }
  | { kind: 'clear' }
  | { kind: 'greet' }
  | { kind: 'ask'; topic: AskTopic; items: ItemSlot[]; words: string }
  /** Food the kiosk does not sell ("a pizza"): nothing is added, not even a menu item beside it. */
  | { kind: 'unavailable'; food: string }
  | { kind: 'unknown'; words: string };

const ITEM_PHRASES = itemPhrases();
const MODIFIER_PHRASES = modifierPhrases();
const byLength = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length);
const CLEARS = new Set(CLEAR_PHRASES);
const CONFIRMS = new Set(CONFIRM_PHRASES);
const GREETING_SET = new Set(GREETINGS);
/**
 * Words an order may carry besides its items, numbers, sizes and leads. An add with two or
 * more words beyond these is not taken as an order: misheard talk ("that sounds nice" heard
 * as "that sundaes nice") named a menu item among words no order has.
 */
const ORDER_GLUE = new Set([
  'a', 'an', 'the', 'some', 'of', 'order', 'orders', 'with', 'and', 'more', 'another', 'extra', 'additional', 'second',
  'instead', 'just', 'only', 'me', 'us', 'i', 'we', 'my', 'our', 'to', 'get', 'have', 'want', 'take', 'need', 'would',
  'could', 'can', 'will', "i'll", "we'll", "i'd", "we'd", 'add', 'give', 'go', 'for', 'those', 'these',
  'it', 'them', 'one', 'ones', 'same', 'again', 'on', 'side', 'make', 'change', 'do', 'let', 'how', 'about', 'you', 'be', 'is',
]);
const DOUBTFUL_WORDS = 2;

/**
 * Verbs of ordering that may stand in an order as "-ing" forms ("I'm getting the nuggets",
 * "I'm thinking the fries"). Any other verb in that form is talk about something else: "is
 * it going to rain" heard as "it it going the rings" named an item with only one stray word.
 */
const ORDERING_PARTICIPLES = new Set(['getting', 'having', 'taking', 'doing', 'thinking', 'ordering', 'adding', 'wanting', 'needing', 'trying', 'starting']);
/** "going to" orders when an ordering verb follows it ("I'm going to have a coke"). */
const GOING_TO_ORDER = new Set(['have', 'get', 'take', 'do', 'go', 'order', 'try', 'add', 'need', 'want', 'start']);
/** Words ending like a participle that are things, not doings. */
const ING_NOUNS = new Set([
  'everything', 'something', 'nothing', 'anything', 'morning', 'evening', 'pudding', 'topping', 'toppings', 'dressing',
  'filling', 'serving', 'servings', 'helping', 'icing', 'frosting', 'stuffing', 'seasoning', 'seasonings', 'darling',
]);
/** "for the meeting", "my building": after one of these an "-ing" word is a noun. */
const DETERMINERS = new Set(['a', 'an', 'the', 'my', 'our', 'your', 'this', 'that', 'his', 'her', 'their']);

const POSSESSIVES = new Set(['my', 'our']);
/** "for my son", "to my order": a possessive after one of these belongs to an order. */
const POSSESSIVE_OPENERS = new Set(['for', 'to', 'on', 'in', 'with', 'of', 'at']);

/**
 * The words of an order clause that no order would have (see ORDER_GLUE). "my" and "our"
 * are glue after a preposition ("a sundae for my son") but not before a stray word
 * with none ("call my mom" heard as "cola my mom").
 */
function strayWords(found: Found): string[] {
  let rest = ` ${found.rest} `;
  for (const lead of LEADS) rest = rest.split(` ${lead} `).join(' ');
  const words = stripFillers(rest).split(' ').filter(Boolean);
  const leads = orderingLeadWords(words);
  const stray = (word: string, index: number) =>
    !ORDER_GLUE.has(word) && !leads.has(index) && numberOf(word) === null && !(SIZE_WORDS as readonly string[]).includes(word);
  return words.filter(
    (word, index) =>
      stray(word, index) ||
      (POSSESSIVES.has(word) && !POSSESSIVE_OPENERS.has(words[index - 1] ?? '') && index + 1 < words.length && stray(words[index + 1]!, index + 1)),
  );
}

const goingToOrder = (words: readonly string[], index: number) =>
  words[index] === 'going' && words[index + 1] === 'to' && GOING_TO_ORDER.has(words[index + 2] ?? '');

/** The places of "-ing" ordering words and their "I'm" ("I'm getting", "we're going to have"). */
function orderingLeadWords(words: readonly string[]): Set<number> {
  const places = new Set<number>();
  words.forEach((word, index) => {
    const goingTo = goingToOrder(words, index);
    if (!ORDERING_PARTICIPLES.has(word) && !goingTo) return;
    places.add(index);
    if (goingTo) places.add(index + 1);
    if (["i'm", "we're"].includes(words[index - 1] ?? '')) places.add(index - 1);
  });
  return places;
}

/**
 * Past forms that may stand in an order: food made so ("grilled", "iced"), and ordering's
 * own ("I wanted a coke"). Any other tells of what happened ("it smelled like coffee", "we
 * changed coke again"), which orders nothing.
 */
const ORDERING_PAST_FORMS = new Set([
  'wanted', 'needed', 'added', 'grilled', 'fried', 'baked', 'toasted', 'melted', 'mixed', 'frosted', 'iced', 'bottled',
  'salted', 'unsalted', 'sweetened', 'unsweetened', 'flavored', 'flavoured', 'spiced', 'smoked', 'roasted', 'breaded',
  'crushed', 'whipped', 'shredded', 'sliced', 'diced', 'chopped', 'topped', 'loaded', 'stuffed', 'pickled', 'blended',
  'steamed', 'cooked', 'hundred', 'kindred',
]);
/** "I didn't get my fries", "do not shake": a negated clause asks for nothing. */
const NEGATIONS = new Set([
  "don't", "doesn't", "didn't", 'not', 'never', "won't", "wouldn't", "isn't", "aren't", "wasn't", "weren't", "can't",
  "couldn't", "haven't", "hasn't", "shouldn't",
]);

/** "bring", "thing", "red": no vowel before the ending, so not a verb's form. */
const endsLikeVerbForm = (word: string, ending: string) => word.endsWith(ending) && /[aeiouy]/.test(word.slice(0, -ending.length));
/** "wanted", not "need" or "speed". */
const endsLikePastForm = (word: string) => endsLikeVerbForm(word, 'ed') && !/[aeiou]/.test(word.at(-3) ?? '');

/**
 * Whether the clause speaks of something other than ordering: a doing in "-ing" form (see
 * ORDERING_PARTICIPLES), a past form that tells what happened, or a negation.
 */
function speaksOfOtherThanOrdering(found: Found): boolean {
  const words = found.rest.split(' ').filter(Boolean);
  return words.some((word, index) => {
    if (NEGATIONS.has(word)) return true;
    if (DETERMINERS.has(words[index - 1] ?? '')) return false;
    if (endsLikePastForm(word)) return !ORDERING_PAST_FORMS.has(word);
    if (!endsLikeVerbForm(word, 'ing') || ING_NOUNS.has(word) || ORDERING_PARTICIPLES.has(word)) return false;
    return !goingToOrder(words, index);
  });
}

const ORDER_REQUESTS = new Set(ORDER_REQUEST_VERBS);

/** "can you tell me a joke", heard as "can you telling a coke", asks for no coke. */
function requestsOtherThanOrder(text: string): boolean {
  const verb = /^(?:can|could|would|will) you (\S+)/.exec(text)?.[1];
  return verb !== undefined && !ORDER_REQUESTS.has(verb);
}

/** The off-menu food a clause asks for, if any ("pizza" in "a cheeseburger pizza"). */
function offMenuFood(rest: string): string | null {
  return OFF_MENU_FOOD_LIST.find((food) => has(rest, food)) ?? null;
}

/** Confirmations end an order said in one breath: "two hamburgers that's all". */
const CONFIRM_STARTS = ["that's", "that'll", "i'm done", "i'm finished", "we're all set", "we're done"];
const SPLIT_CUES = byLength([...CORRECTION_CUES, ...SET_CUES, ...CONFIRM_STARTS]);
const REMOVES = byLength(REMOVE_LEADS);
const LEADS = byLength(ORDER_LEADS);
const FILLER_LIST = byLength(FILLERS);
const OFF_MENU_FOOD_LIST = byLength(OFF_MENU_FOODS);
const COUNTS_PAST_ONE = Object.keys(NUMBER_WORDS).filter((word) => word !== 'one');
const NO_THEN_COUNT = new RegExp(`^(?:no|nope) ((?:${COUNTS_PAST_ONE.join('|')}) .+)$`);
const BARE_SIZE = new RegExp(`^(?:(?:okay|ok|um|uh|and|make it|a) )*(${SIZE_WORDS.join('|')})(?: (?:one|please|thanks|thank you))*$`);

/**
 * "no, seven cookies" corrects what was just said, as "no wait" does; "no, and a coke" does
 * not. The recognizer writes no commas, so "no" straight before a count and an item, and
 * nothing else, marks it too ("no eight a sprite" is "no wait, a sprite" misheard, and "no
 * one" is not a count).
 */
function asCorrection(text: string): string {
  if (/^(?:no|nope) , (?!and\b|but\b)/.test(text)) return text.replace(/^(?:no|nope) , /, 'no wait , ');
  const counted = NO_THEN_COUNT.exec(text)?.[1];
  if (counted === undefined) return text;
  const found = analyse(counted);
  const bare = found.rest.split(' ').filter((word) => numberOf(word) === null && !(SIZE_WORDS as readonly string[]).includes(word) && !['of', 'orders', 'order'].includes(word));
  return found.item && found.others.length === 0 && bare.length === 0 ? `no wait , ${counted}` : text;
}

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/,/g, ' , ')
    .replace(/[^a-z0-9', ]+/g, ' ')
    .replace(/\bthat will\b/g, "that'll")
    .replace(/\bthat is\b/g, "that's")
    .replace(/\bi am\b/g, "i'm")
    .replace(/\bwe are\b/g, "we're")
    .replace(/\bdo not\b/g, "don't")
    .replace(/\s+/g, ' ')
    .trim();
}

function has(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase} `);
}

function startsWithPhrase(text: string, phrase: string): boolean {
  return text === phrase || text.startsWith(`${phrase} `);
}

function stripFillers(text: string): string {
  let words = ` ${text} `;
  for (const filler of FILLER_LIST) words = words.split(` ${filler} `).join(' ');
  return words.replace(/\s+/g, ' ').trim();
}

function numberOf(word: string): number | null {
  if (word in NUMBER_WORDS) return NUMBER_WORDS[word]!;
  if (/^\d+$/.test(word)) return Number(word);
  return null;
}

interface Found {
  item: ItemSlot | null;
  /** Items beyond the first ("swap the cookies for apple pies"). */
  others: ItemSlot[];
  numbers: number[];
  /** A number before the first item (its quantity). */
  quantityBefore: number | null;
  size: Size | null;
  modifiers: string[];
  rest: string;
}

/** Finds items (with their quantities), sizes, modifiers and numbers in one clause. */
function analyse(clause: string): Found {
  let text = ` ${clause} `;
  const modifiers: string[] = [];
  for (const modifier of MODIFIER_PHRASES) {
    if (text.includes(` ${modifier.words} `)) {
      if (!modifiers.includes(modifier.modifierId)) modifiers.push(modifier.modifierId);
      text = text.replace(` ${modifier.words} `, ' ');
    }
  }
  const positions: { at: number; phrase: (typeof ITEM_PHRASES)[number] }[] = [];
  for (const phrase of ITEM_PHRASES) {
    let index = text.indexOf(` ${phrase.words} `);
    while (index >= 0) {
      positions.push({ at: index, phrase });
      text = `${text.slice(0, index)} ${'#'.repeat(phrase.words.length)} ${text.slice(index + phrase.words.length + 2)}`;
      index = text.indexOf(` ${phrase.words} `);
    }
  }
  positions.sort((a, b) => a.at - b.at);
  // "for the <item>" says what something is for ("ketchup for the fries"), or is a word
  // misheard as an item ("for the team" heard "for the tea"); a swap names both items.
  const swapping = /\b(swap|switch|replace|change|exchange|instead)\b/.test(clause);
  if (!swapping) positions.splice(0, positions.length, ...positions.filter((position) => !text.slice(0, position.at).endsWith(' for the')));
  const words = text.split(' ').filter(Boolean);
  let size: Size | null = null;
  const numbers: number[] = [];
  let quantityBefore: number | null = null;
  let offset = 0;
  const firstAt = positions[0]?.at ?? Number.POSITIVE_INFINITY;
  const slots: ItemSlot[] = positions.map((position) => ({ itemIds: position.phrase.itemIds, quantity: null, size: null, modifiers: [] }));
  let cursor = 0;
  for (const word of text.split(' ')) {
    const at = offset;
    offset += word.length + 1;
    if (!word) continue;
    while (cursor < positions.length && positions[cursor]!.at < at) cursor += 1;
    const count = numberOf(word) ?? (word === 'a' || word === 'an' ? 1 : null);
    if (count !== null) {
      if (word !== 'a' && word !== 'an') numbers.push(count);
      // A number counts the next item named after it.
      const next = slots[cursor];
      if (next && next.quantity === null) next.quantity = count;
      if (at < firstAt && word !== 'a' && word !== 'an') quantityBefore = count;
    } else if ((SIZE_WORDS as readonly string[]).includes(word)) {
      size = word as Size;
      // A size belongs to the next item named ("a small fries a medium lemonade": the
      // recognizer writes no commas between them), or to the one before when none follows
      // ("make the fries large").
      const owner = slots[cursor] ?? slots[cursor - 1];
      if (owner && owner.size === null) owner.size = size;
    }
  }
  const item = slots[0] ?? null;
  if (item) item.modifiers = modifiers;
  return {
    item,
    others: slots.slice(1),
    numbers,
    quantityBefore,
    size,
    modifiers,
    rest: words.filter((word) => !word.startsWith('#')).join(' '),
  };
}

/** Splits at commas, "and", "plus" and before correction cues; keeps the cues. */
function clauses(text: string): string[] {
  let marked = ` ${text} `;
  for (const cue of SPLIT_CUES) marked = marked.split(` ${cue} `).join(` | ${cue} `);
  return marked
    .split(/ (?:,|and|plus|\|) /)
    .map((part) => part.replace(/[|,]/g, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function askTopic(text: string, found: Found): AskTopic {
  if (/\b(pay|card|cash|apple pay|credit|debit|contactless)\b/.test(text)) return 'payment';
  if (/\b(cheapest|cheap)\b/.test(text)) return 'cheapest';
  if (/\b(how much|price|prices|cost|costs)\b/.test(text)) {
    return !found.item && /\b(that|altogether|total|all|order|everything|it)\b/.test(text) ? 'total' : 'price';
  }
  if (/\b(vegan|vegetarian|veggie|gluten|nuts?|dairy|allerg\w*|spicy|decaf|caffeine|meat|halal|kosher|healthy|calories)\b/.test(text)) return 'dietary';
  if (/\b(recommend|suggest|good here|popular|best|favourite|favorite|should i)\b/.test(text)) return 'recommend';
  if (/\b(sizes?|how big)\b/.test(text)) return 'sizes';
  if (found.item && /\b(in|on|with|come|comes|made|kind|kinds|flavou?rs?|pieces|what's|whats|what|like|have)\b/.test(text)) return 'contents';
  if (/\b(menu|what do you have|what have you got|options|what do you sell|sell)\b/.test(text)) return 'menu';
  return 'other';
}

function isQuestion(text: string): boolean {
  if (/^(can|could|may) (i|we) (pay|use)\b/.test(text)) return true;
  if (/^(do|does) you (take|accept)\b/.test(text)) return true;
  return QUESTION_STARTS.some((start) => startsWithPhrase(text, start));
}

function leading(text: string, phrases: readonly string[]): string | null {
  return phrases.find((phrase) => startsWithPhrase(text, phrase) || has(text, phrase)) ?? null;
}

interface ClauseState {
  /** The previous clause's action, inherited by a clause with no verb ("remove the fries and the coke"). */
  verb: 'add' | 'remove';
  correcting: boolean;
}

function parseClause(raw: string, state: ClauseState, intents: Intent[]): void {
  let text = raw;
  let correcting = state.correcting;
  state.correcting = false;
  const cue = [...CORRECTION_CUES].sort((a, b) => b.length - a.length).find((c) => startsWithPhrase(text, c));
  if (cue) {
    correcting = true;
    text = text.slice(cue.length).trim();
  }
  const setCue = SET_CUES.find((c) => startsWithPhrase(text, c));
  if (setCue) text = text.slice(setCue.length).trim();
  // A dangling article ends nothing: "start over the" is heard for "start over". And
  // "know" opens no order: "know cookies" is "no cookies" heard. "she wants the nuggets"
  // orders for the person beside the customer, as "I want" does; "she wants to…" and
  // "she doesn't want…" do not.
  text = stripFillers(text)
    .replace(/ (the|a|an)$/, '')
    .replace(/^know /, 'no ')
    .replace(/^(?:he|she|they) (?:wants?|would like|'d like) (?!to\b)/, 'i want ');
  if (text === '' && !setCue) {
    // A cue on its own ("no wait") corrects what follows.
    if (cue) state.correcting = true;
    return;
  }
  if (CLEARS.has(text)) return void intents.push({ kind: 'clear' });
  if (CONFIRMS.has(text) || CONFIRMS.has(text.replace(/^(no|nope) /, ''))) return void intents.push({ kind: 'confirm' });
  if (/^(scratch|cancel|forget|never mind|nevermind|remove|undo|delete|drop) (that|it|this|the last one|that last one)$/.test(text)) {
    return void intents.push({ kind: 'undo' });
  }

  const found = analyse(text);
  const food = offMenuFood(found.rest);
  if (food) return void intents.push({ kind: 'unavailable', food });
  if (found.item && requestsOtherThanOrder(text)) return void intents.push({ kind: 'unknown', words: raw });
  // "take two hamburgers off" splits the verb around the item.
  const removeLead = leading(text, REMOVES) ?? (/\btake\b.+\b(off|out|away)$/.test(text) ? 'take off' : null);
  // "don't forget the fries" keeps them.
  if (removeLead && /\b(?:don't|never|not)$/.test(text.slice(0, text.indexOf(removeLead)).trim())) {
    return void intents.push({ kind: 'unknown', words: raw });
  }
  const swap = /\b(swap|switch|replace|change|exchange|instead of)\b/.test(text) && found.item && found.others.length > 0;
  if (swap && found.item) {
    const [first, second] = [found.item, found.others[0]!];
    // "a sprite instead of the coke": the first named is the new one.
    const insteadOf = /\binstead of\b/.test(text);
    const from = insteadOf ? second : first;
    const to = insteadOf ? first : second;
    to.size = found.size;
    to.modifiers = found.modifiers;
    return void intents.push({ kind: 'replace', from, to });
  }

  const negated = /^(no|not|without) /.test(text);
  if (removeLead || (negated && found.item && found.modifiers.length === 0)) {
    state.verb = 'remove';
    const count = found.item?.quantity ?? found.quantityBefore;
    const explicit = found.numbers.length > 0 ? count : null;
    // A remove word with nothing named is not an undo: misheard talk ("can you delete okay")
    // took back the last item. Only "scratch that" and its kin (above) undo.
    if (!found.item && !found.numbers.length) return void intents.push({ kind: 'unknown', words: raw });
    intents.push({ kind: 'remove', item: found.item, count: explicit });
    for (const other of found.others) intents.push({ kind: 'remove', item: other, count: other.quantity && found.numbers.length ? other.quantity : null });
    return;
  }

  const setting = setCue !== undefined || /^(change|make) /.test(text) || correcting;
  const sizeWords = new Set<string>(SIZE_WORDS);
  const only = /^(just|only) /.test(text);
  if (found.item && (strayWords(found).length >= DOUBTFUL_WORDS || speaksOfOtherThanOrdering(found))) return void intents.push({ kind: 'unknown', words: raw });
  if (found.item) {
    const another = /\b(another|one more|more|extra|additional|second)\b/.test(text);
    if (/\b(change|make)\b/.test(text) && found.size && !found.numbers.length) {
      return void intents.push({ kind: 'setSize', item: found.item, size: found.size });
    }
    if ((setting || only) && found.numbers.length > 0 && !another) {
      // "make that seven cokes", "sorry, I meant twelve cookies", "just two onion rings":
      // set when the item is in the order; the agent adds it otherwise.
      intents.push({ kind: 'setQuantity', item: found.item, quantity: found.item.quantity ?? found.numbers.at(-1)! });
      return;
    }
    if (correcting && !another && state.verb === 'add') {
      intents.push({ kind: 'replace', from: null, to: found.item });
      for (const other of found.others) intents.push({ kind: 'add', item: other, another: false });
      return;
    }
    if (state.verb === 'remove' && !LEADS.some((lead) => startsWithPhrase(text, lead))) {
      intents.push({ kind: 'remove', item: found.item, count: found.numbers.length ? found.item.quantity : null });
      return;
    }
    state.verb = 'add';
    intents.push({ kind: 'add', item: found.item, another });
    for (const other of found.others) intents.push({ kind: 'add', item: other, another: false });
    return;
  }

  // No item named.
  const rest = stripFillers(found.rest.split(' ').filter((word) => !sizeWords.has(word) && numberOf(word) === null).join(' ').replace(/\b(the|a|an|one|of|them|it|that|those|these|to|make|change|just|only|instead|with|order|orders)\b/g, ' '));
  if (found.size && (setting || /\b(make|change)\b/.test(text)) && !found.numbers.length) {
    return void intents.push({ kind: 'setSize', item: null, size: found.size });
  }
  if (/^(another|one more|another one|one more of (those|them|that)|same again|the same again)$/.test(text)) {
    return void intents.push({ kind: 'addLike', quantity: 1, size: null, modifiers: [] });
  }
  // Nothing but the number: "hold on, one sec" and "just one minute" are pauses, not "one".
  if ((setting || only) && found.numbers.length > 0 && rest === '') {
    return void intents.push({ kind: 'setQuantity', item: null, quantity: found.numbers.at(-1)! });
  }
  if ((found.numbers.length === 1 || /^(a|an) /.test(text)) && (found.modifiers.length > 0 || found.size) && rest === '') {
    // "one with bacon", "one chocolate": the item comes from the clause around it.
    return void intents.push({ kind: 'addLike', quantity: found.numbers[0] ?? 1, size: found.size, modifiers: found.modifiers });
  }
  if (!found.numbers.length && (found.modifiers.length > 0 || found.size) && rest === '') {
    // "…with bacon, and extra cheese", "fries, large": belongs to the clause before.
    const previous = intents.at(-1);
    if (previous?.kind === 'add') {
      previous.item.modifiers = [...new Set([...previous.item.modifiers, ...found.modifiers])];
      previous.item.size = found.size ?? previous.item.size;
      return;
    }
  }
  if (GREETING_SET.has(raw) || GREETING_SET.has(text)) return void intents.push({ kind: 'greet' });
  intents.push({ kind: 'unknown', words: raw });
}

/** "one chocolate and one strawberry shake": an item-less add takes the item named next. */
function lendItems(intents: Intent[]): Intent[] {
  return intents.map((intent, index) => {
    if (intent.kind !== 'addLike') return intent;
    const next = intents.slice(index + 1).find((other) => other.kind === 'add');
    if (next?.kind === 'add' && index + 1 < intents.length && intents[index + 1] === next) {
      return {
        kind: 'add',
        item: { itemIds: next.item.itemIds, quantity: intent.quantity, size: intent.size ?? next.item.size, modifiers: intent.modifiers },
        another: false,
      };
    }
    return intent;
  });
}

export function parseIntents(transcript: string): Intent[] {
  const text = normalise(transcript);
  if (text === '') return [];
  const bare = stripFillers(text.replace(/,/g, ' '));
  if (bare === '' && GREETINGS.some((greeting) => has(text, greeting))) return [{ kind: 'greet' }];
  const questionText = stripFillers(text.replace(/,/g, ' ').replace(/^(hi|hello|hey|excuse me|sorry|um|uh)\b/, ''));
  if (isQuestion(questionText) || /\b(pay|paying)\b/.test(questionText)) {
    const found = analyse(questionText);
    return [{ kind: 'ask', topic: askTopic(questionText, found), items: found.item ? [found.item, ...found.others] : [], words: questionText }];
  }
  const intents: Intent[] = [];
  const state: ClauseState = { verb: 'add', correcting: false };
  // A size said on its own ("large please") resizes the item just spoken of; one inside
  // other words ("by and large", "oh so small") is talk.
  const lone = BARE_SIZE.exec(text.replace(/ ,/g, ''));
  if (lone) return [{ kind: 'setSize', item: null, size: lone[1] as Size }];
  for (const clause of clauses(asCorrection(text))) parseClause(clause, state, intents);
  const lent = lendItems(intents);
  // One understood part is enough: chatter around an order is not an unknown request.
  return lent.some((intent) => intent.kind !== 'unknown') ? lent.filter((intent) => intent.kind !== 'unknown') : lent.slice(0, 1);
}
