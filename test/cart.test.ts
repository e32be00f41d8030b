import { describe, expect, it } from 'vitest';
import { applyToolCall, cartTotalCents, EMPTY_CART, type Cart } from '../machines/cart.ts';

function call(cart: Cart, name: string, args: Record<string, unknown>) {
  const result = applyToolCall(cart, name, JSON.stringify(args));
  return { cart: result.cart, output: JSON.parse(result.output) as { ok: boolean; error?: string; summary?: string } };
}

describe('cart tool calls', () => {
  it('adds two cheeseburgers and a large coke at menu prices', () => {
    let cart = call(EMPTY_CART, 'add_item', { item_id: 'cheeseburger', quantity: 2 }).cart;
    cart = call(cart, 'add_item', { item_id: 'coke', quantity: 1, size: 'large' }).cart;
    expect(cart.lines.map(({ itemId, size, quantity }) => [itemId, size, quantity])).toEqual([
      ['cheeseburger', null, 2],
      ['coke', 'large', 1],
    ]);
    expect(cartTotalCents(cart)).toBe(2 * 599 + 259);
  });

  it('gives a sized item the default size and prices modifiers', () => {
    const { cart } = call(EMPTY_CART, 'add_item', { item_id: 'cheeseburger', quantity: 1, modifiers: ['bacon', 'extra_cheese'] });
    expect(cart.lines[0]?.unitPriceCents).toBe(599 + 150 + 75);
    const fries = call(EMPTY_CART, 'add_item', { item_id: 'fries', quantity: 1 }).cart;
    expect(fries.lines[0]?.size).toBe('medium');
  });

  it('merges the same item, size and modifiers into one line', () => {
    let cart = call(EMPTY_CART, 'add_item', { item_id: 'coke', quantity: 1, size: 'large' }).cart;
    cart = call(cart, 'add_item', { item_id: 'coke', quantity: 2, size: 'large' }).cart;
    cart = call(cart, 'add_item', { item_id: 'coke', quantity: 1, size: 'small' }).cart;
    expect(cart.lines.map((line) => line.quantity)).toEqual([3, 1]);
  });

  it('removes every size of an item, and sets quantities', () => {
    let cart = call(EMPTY_CART, 'add_item', { item_id: 'coke', quantity: 1, size: 'large' }).cart;
    cart = call(cart, 'add_item', { item_id: 'cheeseburger', quantity: 2 }).cart;
    cart = call(cart, 'set_quantity', { item_id: 'cheeseburger', quantity: 3 }).cart;
    expect(cart.lines.find((line) => line.itemId === 'cheeseburger')?.quantity).toBe(3);
    cart = call(cart, 'remove_item', { item_id: 'coke' }).cart;
    expect(cart.lines.map((line) => line.itemId)).toEqual(['cheeseburger']);
    cart = call(cart, 'set_quantity', { item_id: 'cheeseburger', quantity: 0 }).cart;
    expect(cart.lines).toEqual([]);
  });

  it('refuses bad calls with a reason and leaves the cart alone', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['add_item', { item_id: 'pizza', quantity: 1 }, 'no menu item'],
      ['add_item', { item_id: 'coke', quantity: 0 }, 'quantity'],
      ['add_item', { item_id: 'coke', quantity: 1.5 }, 'quantity'],
      ['add_item', { item_id: 'coke', quantity: 1, size: 'huge' }, 'size'],
      ['add_item', { item_id: 'coke', quantity: 1, modifiers: ['bacon'] }, 'not available'],
      ['remove_item', { item_id: 'coke' }, 'no Coke'],
      ['confirm_order', {}, 'empty'],
      ['order_pizza', {}, 'unknown tool'],
    ];
    for (const [name, args, error] of cases) {
      const result = call(EMPTY_CART, name, args);
      expect(result.output.ok).toBe(false);
      expect(result.output.error).toContain(error);
      expect(result.cart).toBe(EMPTY_CART);
    }
    expect(JSON.parse(applyToolCall(EMPTY_CART, 'add_item', '{not json').output).ok).toBe(false);
  });

  it('confirms a non-empty order, then refuses changes until it is cleared', () => {
    let cart = call(EMPTY_CART, 'add_item', { item_id: 'cookie', quantity: 1 }).cart;
    cart = call(cart, 'confirm_order', {}).cart;
    expect(cart.confirmed).toBe(true);
    expect(call(cart, 'add_item', { item_id: 'cookie', quantity: 1 }).output.ok).toBe(false);
    cart = call(cart, 'clear_order', {}).cart;
    expect(cart).toMatchObject({ lines: [], confirmed: false });
  });
});
