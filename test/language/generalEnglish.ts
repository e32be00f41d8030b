/**
 * General English that nobody here wrote: the sentences of Debian's `fortunes` package
 * (quotes, jokes, recipes, poems), as the recognizer would write them: lower case, no
 * punctuation. None of it is an order at a kiosk.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyToolCall, EMPTY_CART, type Cart } from '../../machines/cart.ts';
import { MenuAgent } from '../../server/agent/menuAgent.ts';

const FORTUNES = '/usr/share/games/fortunes';

/** Every sentence of 2 to 14 words in plain letters (ASCII art, code and tables are dropped). */
export function fortuneSentences(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(FORTUNES).filter((name) => !name.includes('.'))) {
    for (const quote of readFileSync(join(FORTUNES, file), 'latin1').split('\n%\n')) {
      for (const sentence of quote.replace(/\s+/g, ' ').split(/(?<=[.!?;:])\s+/)) {
        const words = sentence.replace(/[^A-Za-z' -]+/g, ' ').replace(/\s+/g, ' ').trim();
        const count = words.split(' ').length;
        if (count >= 2 && count <= 14 && /^[A-Za-z ,.'!?-]+$/.test(sentence.trim())) found.add(words.toLowerCase());
      }
    }
  }
  return [...found];
}

/** The cart after one turn said to a fresh agent on an empty cart. */
export function cartAfter(transcript: string): Cart {
  let cart = EMPTY_CART;
  for (const call of new MenuAgent().reply({ transcript, functionOutputs: [] }).functionCalls) {
    cart = applyToolCall(cart, call.name, JSON.stringify(call.arguments)).cart;
  }
  return cart;
}

/** Whether a cart that started empty holds anything, or is confirmed. */
export const isChanged = (cart: Cart): boolean => cart.lines.length > 0 || cart.confirmed;

export const changesTheCart = (transcript: string): boolean => isChanged(cartAfter(transcript));
