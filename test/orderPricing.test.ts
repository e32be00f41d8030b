import { describe, expect, it } from 'vitest';
import { OrderValidationError, priceOrder } from '../server/orders/orderPricing.ts';
import { fingerprint } from '../server/orders/orderStore.ts';

const order = (lines: unknown[], extra: Record<string, unknown> = {}) => ({ idempotencyKey: 'key-12345678', kioskId: 'front-1', lines, ...extra });

function refusal(body: unknown): string {
  try {
    priceOrder(body);
  } catch (error) {
    if (error instanceof OrderValidationError) return error.message;
    throw error;
  }
  throw new Error('the order was accepted');
}

describe('pricing an order from the menu', () => {
  it('prices every line from the menu: size, modifiers and quantity, never a price the kiosk sent', () => {
    const priced = priceOrder(
      order([
        { itemId: 'cheeseburger', size: null, modifiers: ['bacon', 'extra_cheese'], quantity: 2, unitPriceCents: 1 },
        { itemId: 'coke', size: 'large', modifiers: [], quantity: 1 },
        { itemId: 'milkshake', size: 'small', modifiers: ['chocolate'], quantity: 3 },
      ], { totalCents: 1 }),
    );
    // (5.99 + 1.50 + 0.75) × 2, a large coke 2.59, 3 small shakes at 3.99
    expect(priced.lines.map((line) => line.lineTotalCents)).toEqual([1648, 259, 1197]);
    expect(priced.totalCents).toBe(1648 + 259 + 1197);
    expect(priced.lines[0]?.modifiers).toEqual([{ id: 'bacon', label: 'Bacon' }, { id: 'extra_cheese', label: 'Extra cheese' }]);
  });

  it('keeps a modifier named twice once, and in one order, so the same choice is the same order', () => {
    const a = priceOrder(order([{ itemId: 'hamburger', size: null, modifiers: ['no_pickles', 'bacon', 'bacon'], quantity: 1 }]));
    const b = priceOrder(order([{ itemId: 'hamburger', size: null, modifiers: ['bacon', 'no_pickles'], quantity: 1 }]));
    expect(a.lines[0]?.unitPriceCents).toBe(649);
    expect(fingerprint(a.request)).toBe(fingerprint(b.request));
  });

  it('refuses an unknown item, naming the line', () => {
    expect(refusal(order([{ itemId: 'coke', size: 'small', quantity: 1 }, { itemId: 'pizza', size: null, quantity: 1 }]))).toBe('line 2: no menu item "pizza"');
  });

  it('refuses a size the item does not come in, and a size on an item that has none', () => {
    expect(refusal(order([{ itemId: 'fries', size: 'huge', quantity: 1 }]))).toBe('line 1 (Fries): size must be one of small, medium, large, got "huge"');
    expect(refusal(order([{ itemId: 'fries', quantity: 1 }]))).toMatch(/^line 1 \(Fries\): size must be one of/);
    expect(refusal(order([{ itemId: 'cookie', size: 'large', quantity: 1 }]))).toBe('line 1 (Cookie): comes in one size, got "large"');
  });

  it('refuses a modifier the item does not take', () => {
    expect(refusal(order([{ itemId: 'coke', size: 'small', modifiers: ['bacon'], quantity: 1 }]))).toBe('line 1 (Coke): "bacon" is not available on Coke');
  });

  it('refuses quantities that are not whole numbers from 1 to 20', () => {
    for (const quantity of [0, -1, 1.5, 21, '2', null]) {
      expect(refusal(order([{ itemId: 'cookie', size: null, quantity }]))).toBe('line 1 (Cookie): quantity must be a whole number from 1 to 20');
    }
  });

  it('refuses an empty order, a missing key and a kiosk id that is not a short token', () => {
    expect(refusal(order([]))).toBe('lines must be a non-empty list');
    expect(refusal(order([{ itemId: 'cookie', size: null, quantity: 1 }], { idempotencyKey: 'short' }))).toMatch(/^idempotencyKey/);
    expect(refusal(order([{ itemId: 'cookie', size: null, quantity: 1 }], { kioskId: 'front desk <1>' }))).toMatch(/^kioskId/);
    expect(refusal('an order')).toBe('the order must be a JSON object');
    expect(refusal(order(Array.from({ length: 51 }, () => ({ itemId: 'cookie', size: null, quantity: 1 }))))).toBe('an order has at most 50 lines');
  });
});
