/**
 * Generates the recognizer's JSGF grammar and pronunciation dictionary from the menu,
 * so adding a menu item needs no hand edit. A tight grammar is what makes offline
 * recognition work: "a"/"an" only before one item, a number word only before several.
 */

import { readFileSync } from 'node:fs';
import { MENU, type MenuItem } from '../../src/menu/menu.ts';
import { NUMBER_WORDS as ALL_NUMBER_WORDS, SIZE_WORDS } from '../agent/orderLanguage.ts';
import { findModifier } from '../../src/menu/menu.ts';

/*
 * The grammar keeps its own short phrase lists: every phrase added to a closed grammar
 * is one more order the recognizer can force other speech onto ("take off" was heard as
 * an order for two more items). The agent understands far more than this.
 */
const NUMBER_WORDS = Object.fromEntries(Object.entries(ALL_NUMBER_WORDS).filter(([, value]) => value <= 10));
const ORDER_LEADS = ["i'd like", 'i would like', 'can i have', 'can i get', 'i want', "i'll have", 'give me', 'add', 'and', 'also'];
const REMOVE_LEADS = ['remove', 'cancel', 'no more'];
const CLEAR_PHRASES = ['clear the order', 'start over', 'cancel everything', 'cancel the order'];
const CONFIRM_PHRASES = ["that's all", "that's it", "i'm done", 'confirm the order', 'that will be all', "that's everything"];
const ORDER_OF = 'an order of';
const POLITE_TAIL = 'please';

export const CMUDICT_PATH = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict';

function alternatives(phrases: readonly string[]): string {
  return `(${phrases.join(' | ')})`;
}

function rule(name: string): string {
  return `<${name}>`;
}

function itemRuleName(item: MenuItem, plural: boolean): string {
  return `${plural ? 'several' : 'one'}_${item.id}`;
}

const VOWEL_START = /^[aeiou]/;

/**
 * One item with its article: "a small coke", "an iced tea", "a large fries",
 * "an order of onion rings". Only the article that fits is allowed: a loose grammar
 * lets the recognizer hear stray words.
 */
function singleExpansion(item: MenuItem): string {
  const sameWordForMany = item.spoken.every((words) => item.spokenPlural.includes(words));
  const options: string[] = [];
  const bare = itemExpansion(item, false, false);
  if (item.sizes) options.push(`(a | one) ${alternatives(SIZE_WORDS)} ${itemExpansion(item, false, true)}`);
  if (sameWordForMany) {
    options.push(`${ORDER_OF} ${bare}`);
  } else {
    const vowel = item.spoken.filter((words) => VOWEL_START.test(words));
    const consonant = item.spoken.filter((words) => !VOWEL_START.test(words));
    const withNames = (names: string[]) => itemExpansion({ ...item, spoken: names }, false, false);
    if (vowel.length) options.push(`(an | one) ${withNames(vowel)}`);
    if (consonant.length) options.push(`(a | one) ${withNames(consonant)}`);
  }
  return options.join(' | ');
}

/** One item's phrase: [size] [flavour] name [with … ]. */
function itemExpansion(item: MenuItem, plural: boolean, sizeGiven = false): string {
  const before = (item.modifiers ?? [])
    .map((id) => findModifier(id))
    .filter((modifier) => modifier?.position === 'before')
    .flatMap((modifier) => modifier?.spoken ?? []);
  const after = (item.modifiers ?? [])
    .map((id) => findModifier(id))
    .filter((modifier) => modifier?.position === 'after')
    .flatMap((modifier) => modifier?.spoken ?? []);
  const parts: string[] = [];
  if (item.sizes && plural && !sizeGiven) parts.push(`[${alternatives(SIZE_WORDS)}]`);
  if (before.length) parts.push(`[${alternatives(before)}]`);
  parts.push(alternatives(plural ? item.spokenPlural : item.spoken));
  if (after.length) parts.push(`[${alternatives(after)} [${alternatives(after)}]]`);
  return parts.join(' ');
}

export function buildGrammar(menu: readonly MenuItem[] = MENU): string {
  const lines: string[] = ['#JSGF V1.0;', 'grammar kiosk;'];
  const numbers = Object.keys(NUMBER_WORDS).filter((word) => word !== 'one');
  lines.push(
    `public <utterance> = <add> [<confirm>] | <remove> | <change> | <clear> | <confirm>;`,
    `<add> = [<lead>] <order> (and <order>)* [${POLITE_TAIL}];`,
    `<lead> = ${ORDER_LEADS.join(' | ')};`,
    `<order> = <one_item> | ${alternatives(numbers)} <several_items>;`,
    `<one_item> = ${menu.map((item) => rule(itemRuleName(item, false))).join(' | ')};`,
    `<several_items> = ${menu.map((item) => rule(itemRuleName(item, true))).join(' | ')};`,
    `<any_item> = ${menu.map((item) => `${item.sizes ? `[${alternatives(SIZE_WORDS)}] ` : ''}${alternatives([...new Set([...item.spoken, ...item.spokenPlural])])}`).join(' | ')};`,
    `<remove> = ${alternatives(REMOVE_LEADS)} [the] <any_item>;`,
    `<change> = make (that | it) ${alternatives(Object.keys(NUMBER_WORDS))} [<any_item>] | change the <any_item> to ${alternatives(Object.keys(NUMBER_WORDS))};`,
    `<clear> = ${CLEAR_PHRASES.join(' | ')};`,
    `<confirm> = ${CONFIRM_PHRASES.join(' | ')};`,
  );
  for (const item of menu) {
    lines.push(`<${itemRuleName(item, false)}> = ${singleExpansion(item)};`);
    lines.push(`<${itemRuleName(item, true)}> = ${itemExpansion(item, true)};`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every word the grammar can produce. */
export function grammarWords(grammar: string): string[] {
  const body = grammar
    .split('\n')
    .filter((line) => !line.startsWith('#') && !line.startsWith('grammar'))
    .map((line) => line.replace(/^(public\s+)?<[^>]+>\s*=/, ''))
    .join(' ');
  const words = body
    .replace(/<[^>]+>/g, ' ')
    .replace(/[()[\]|;*+]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return [...new Set(words)].sort();
}

const VOICELESS_ENDINGS = new Set(['P', 'T', 'K', 'F', 'TH']);

/**
 * A dictionary cut from CMUdict to the grammar's words. A plural CMUdict lacks
 * ("sundaes") is derived from its singular; any other missing word is an error, so a
 * menu word the recognizer cannot say is found when the grammar is built, not in use.
 */
export function buildDictionary(words: readonly string[], cmudictText: string = readFileSync(CMUDICT_PATH, 'utf8')): string {
  const pronunciations = new Map<string, string[]>();
  for (const line of cmudictText.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const word = line.slice(0, space).replace(/\(\d+\)$/, '');
    const list = pronunciations.get(word) ?? [];
    list.push(line.slice(space + 1).trim());
    pronunciations.set(word, list);
  }
  const lines: string[] = [];
  const missing: string[] = [];
  for (const word of words) {
    let variants = pronunciations.get(word);
    if (!variants && word.endsWith('s')) {
      const singular = pronunciations.get(word.slice(0, -1));
      variants = singular?.map((phones) => {
        const last = phones.split(' ').at(-1) ?? '';
        return `${phones} ${VOICELESS_ENDINGS.has(last) ? 'S' : 'Z'}`;
      });
    }
    if (!variants) {
      missing.push(word);
      continue;
    }
    variants.forEach((phones, index) => lines.push(`${index === 0 ? word : `${word}(${index + 1})`} ${phones}`));
  }
  if (missing.length) throw new Error(`words the recognizer cannot pronounce: ${missing.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
