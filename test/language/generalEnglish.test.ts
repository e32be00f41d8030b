/**
 * An adversary written by others: the sentences of Debian's `fortunes` package (quotes,
 * jokes, recipes, poems), each said to a fresh agent as the recognizer would write it, with
 * no punctuation. None of it is an order at a kiosk, though a few name menu food ("cola
 * shake with ice"), so a small share changing the cart is the floor this guards, not zero.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyToolCall, EMPTY_CART } from '../../machines/cart.ts';
import { MenuAgent } from '../../server/agent/menuAgent.ts';

const FORTUNES = '/usr/share/games/fortunes';

function sentences(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(FORTUNES).filter((name) => !name.includes('.'))) {
    for (const quote of readFileSync(join(FORTUNES, file), 'latin1').split('\n%\n')) {
      for (const sentence of quote.replace(/\s+/g, ' ').split(/(?<=[.!?;:])\s+/)) {
        const words = sentence.replace(/[^A-Za-z' -]+/g, ' ').replace(/\s+/g, ' ').trim();
        const count = words.split(' ').length;
        // Kiosk-length talk in plain letters; drops ASCII art, code and tables.
        if (count >= 2 && count <= 14 && /^[A-Za-z ,.'!?-]+$/.test(sentence.trim())) found.add(words.toLowerCase());
      }
    }
  }
  return [...found];
}

function changesTheCart(transcript: string): boolean {
  const agent = new MenuAgent();
  let cart = EMPTY_CART;
  for (const call of agent.reply({ transcript, functionOutputs: [] }).functionCalls) {
    cart = applyToolCall(cart, call.name, JSON.stringify(call.arguments)).cart;
  }
  return cart.lines.length > 0 || cart.confirmed;
}

describe('the menu agent on general English it was not written for', () => {
  it('changes the cart for fewer than one in a thousand sentences of the fortunes package', () => {
    const said = sentences();
    expect(said.length).toBeGreaterThan(10_000);
    const changed = said.filter(changesTheCart);
    // Measured: 20 of 18,010 before the past-form and negation rules, 16 after.
    expect(changed.length / said.length, changed.join('\n')).toBeLessThan(0.001);
  });
});
