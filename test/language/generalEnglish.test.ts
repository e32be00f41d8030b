/**
 * An adversary written by others (see generalEnglish.ts), each sentence said to a fresh
 * agent. A few name menu food ("cola shake with ice", "two teas"), so a small share
 * changing the cart is the floor this guards, not zero.
 */

import { describe, expect, it } from 'vitest';
import { changesTheCart, fortuneSentences } from './generalEnglish.ts';

describe('the menu agent on general English it was not written for', () => {
  it('changes the cart for fewer than one in a thousand sentences of the fortunes package', () => {
    const said = fortuneSentences();
    expect(said.length).toBeGreaterThan(10_000);
    const changed = said.filter(changesTheCart);
    // Measured: 20 of 18,010 before the past-form and negation rules, 16 after.
    expect(changed.length / said.length, changed.join('\n')).toBeLessThan(0.001);
  });
});
