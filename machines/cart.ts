/**
 * The order, and the assistant's tool calls applied to it. Pure: a call and a cart in,
 * a new cart and the output to return to the assistant out. Invalid calls change
 * nothing and say why, so the assistant can tell the customer.
 */

import { DEFAULT_SIZE, findItem, findModifier, SIZES, unitPriceCents, type Size } from '../src/menu/menu.ts';
import { ToolName } from '../src/menu/menuTools.ts';

export interface CartLine {
  lineId: string;
  itemId: string;
  name: string;
  size: Size | null;
  modifiers: string[];
  quantity: number;
  unitPriceCents: number;
}

export interface Cart {
  lines: CartLine[];
  confirmed: boolean;
  /** Increases with every line added, so line ids are never reused. */
  nextLineNumber: number;
}

export const EMPTY_CART: Cart = { lines: [], confirmed: false, nextLineNumber: 1 };

export function cartTotalCents(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
}

export interface ToolCallResult {
  cart: Cart;
  output: string;
}

const MAX_QUANTITY = 20;

function fail(cart: Cart, error: string): ToolCallResult {
  return { cart, output: JSON.stringify({ ok: false, error }) };
}

/** The order as every tool output reports it to the assistant. */
export interface OrderReport {
  lines: { item_id: string; size: string | null; modifiers: string[]; quantity: number }[];
  total_cents: number;
  confirmed: boolean;
}

export function orderReport(cart: Cart): OrderReport {
  return {
    lines: cart.lines.map(({ itemId, size, modifiers, quantity }) => ({ item_id: itemId, size, modifiers, quantity })),
    total_cents: cartTotalCents(cart),
    confirmed: cart.confirmed,
  };
}

/**
 * Opens the line of a session's instructions that gives the order as the tools report it.
 * A session that starts mid-order (a renewal, a reconnect) or after "start over" learns the
 * order from it: the model reads it, and so does the local server's agent.
 */
export const ORDER_REPORT_LEAD = 'The order, as the tools report it: ';

/** The order for a session's instructions: in words, then as the tools report it. */
export function orderStatement(cart: Cart): string {
  const words = cart.lines.length > 0 ? `The order so far: ${cart.lines.map(describeLine).join(', ')}.` : 'The order is empty so far.';
  return `${words}\n${ORDER_REPORT_LEAD}${JSON.stringify(orderReport(cart))}`;
}

function succeed(cart: Cart, summary: string): ToolCallResult {
  return { cart, output: JSON.stringify({ ok: true, summary, order: orderReport(cart) }) };
}

function describeLine(line: Pick<CartLine, 'name' | 'size' | 'quantity'>): string {
  return `${line.quantity} × ${line.size ? `${line.size} ` : ''}${line.name}`;
}

function parseArguments(raw: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function asQuantity(value: unknown, min: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_QUANTITY ? value : null;
}

export function applyToolCall(cart: Cart, name: string, rawArguments: string): ToolCallResult {
  const args = parseArguments(rawArguments);
  if (!args) return fail(cart, 'arguments are not a JSON object');
  if (cart.confirmed && name !== ToolName.clearOrder) {
    return fail(cart, 'the order is already confirmed; start over to change it');
  }
  switch (name) {
    case ToolName.addItem:
      return addItem(cart, args);
    case ToolName.removeItem:
      return removeItem(cart, args);
    case ToolName.setQuantity:
      return setQuantity(cart, args);
    case ToolName.clearOrder:
      return succeed(emptied(cart), 'order cleared');
    case ToolName.confirmOrder:
      if (cart.lines.length === 0) return fail(cart, 'the order is empty');
      return succeed({ ...cart, confirmed: true }, 'order confirmed');
    default:
      return fail(cart, `unknown tool "${name}"`);
  }
}

/** Empty, but line ids keep counting up so the UI never sees one reused. */
function emptied(cart: Cart): Cart {
  return { ...EMPTY_CART, nextLineNumber: cart.nextLineNumber };
}

function addItem(cart: Cart, args: Record<string, unknown>): ToolCallResult {
  const item = typeof args.item_id === 'string' ? findItem(args.item_id) : undefined;
  if (!item) return fail(cart, `no menu item "${String(args.item_id)}"`);
  const quantity = asQuantity(args.quantity ?? 1, 1);
  if (quantity === null) return fail(cart, `quantity must be a whole number from 1 to ${MAX_QUANTITY}`);
  let size: Size | null = null;
  if (item.sizes) {
    const requested = args.size ?? DEFAULT_SIZE;
    if (!SIZES.includes(requested as Size)) return fail(cart, `size must be one of ${SIZES.join(', ')}`);
    size = requested as Size;
  }
  const requestedModifiers = Array.isArray(args.modifiers) ? args.modifiers : [];
  const modifiers: string[] = [];
  for (const id of requestedModifiers) {
    if (typeof id !== 'string' || !findModifier(id) || !item.modifiers?.includes(id)) {
      return fail(cart, `"${String(id)}" is not available on ${item.name}`);
    }
    if (!modifiers.includes(id)) modifiers.push(id);
  }
  modifiers.sort();
  const same = cart.lines.find(
    (line) => line.itemId === item.id && line.size === size && line.modifiers.join() === modifiers.join(),
  );
  if (same && same.quantity + quantity > MAX_QUANTITY) return fail(cart, `at most ${MAX_QUANTITY} of one item`);
  const lines = same
    ? cart.lines.map((line) => (line === same ? { ...line, quantity: line.quantity + quantity } : line))
    : [
        ...cart.lines,
        {
          lineId: `line_${cart.nextLineNumber}`,
          itemId: item.id,
          name: item.name,
          size,
          modifiers,
          quantity,
          unitPriceCents: unitPriceCents(item, size, modifiers),
        },
      ];
  const next = { ...cart, lines, nextLineNumber: same ? cart.nextLineNumber : cart.nextLineNumber + 1 };
  return succeed(next, `added ${describeLine({ name: item.name, size, quantity })}`);
}

function removeItem(cart: Cart, args: Record<string, unknown>): ToolCallResult {
  const item = typeof args.item_id === 'string' ? findItem(args.item_id) : undefined;
  if (!item) return fail(cart, `no menu item "${String(args.item_id)}"`);
  const size = typeof args.size === 'string' ? args.size : null;
  const keep = cart.lines.filter((line) => line.itemId !== item.id || (size !== null && line.size !== size));
  if (keep.length === cart.lines.length) return fail(cart, `there is no ${item.name} in the order`);
  return succeed({ ...cart, lines: keep }, `removed ${item.name}`);
}

function setQuantity(cart: Cart, args: Record<string, unknown>): ToolCallResult {
  const item = typeof args.item_id === 'string' ? findItem(args.item_id) : undefined;
  if (!item) return fail(cart, `no menu item "${String(args.item_id)}"`);
  const quantity = asQuantity(args.quantity, 0);
  if (quantity === null) return fail(cart, `quantity must be a whole number from 0 to ${MAX_QUANTITY}`);
  const matching = cart.lines.filter((line) => line.itemId === item.id);
  if (matching.length === 0) return fail(cart, `there is no ${item.name} in the order`);
  if (matching.length > 1) return fail(cart, `there are several ${item.name} lines; say which size`);
  const lines =
    quantity === 0
      ? cart.lines.filter((line) => line.itemId !== item.id)
      : cart.lines.map((line) => (line.itemId === item.id ? { ...line, quantity } : line));
  return succeed({ ...cart, lines }, `${item.name} quantity set to ${quantity}`);
}
