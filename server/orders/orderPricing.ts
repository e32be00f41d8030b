/**
 * Checks an order as the kiosk sent it and prices every line from the menu. The
 * client's idea of a price is never read: a kiosk running an old build, or a request
 * made by hand, gets the menu's prices or a 400 that names the line it cannot accept.
 */

import { findItem, findModifier, SIZES, unitPriceCents, type Size } from '../../src/menu/menu.ts';
import {
  IDEMPOTENCY_KEY_PATTERN,
  KIOSK_ID_PATTERN,
  MAX_ORDER_LINES,
  type OrderLineRequest,
  type OrderRequest,
  type PricedLine,
} from '../../src/orders/orderTypes.ts';

const MAX_QUANTITY = 20;

export class OrderValidationError extends Error {}

export interface PricedOrder {
  request: OrderRequest;
  lines: PricedLine[];
  totalCents: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineProblem(raw: unknown, index: number): { line: OrderLineRequest; priced: PricedLine } | string {
  const where = `line ${index + 1}`;
  if (!isRecord(raw)) return `${where} is not an object`;
  const item = typeof raw.itemId === 'string' ? findItem(raw.itemId) : undefined;
  if (!item) return `${where}: no menu item "${String(raw.itemId)}"`;
  let size: Size | null = null;
  if (item.sizes) {
    if (!SIZES.includes(raw.size as Size)) return `${where} (${item.name}): size must be one of ${SIZES.join(', ')}, got "${String(raw.size)}"`;
    size = raw.size as Size;
  } else if (raw.size !== null && raw.size !== undefined) {
    return `${where} (${item.name}): comes in one size, got "${String(raw.size)}"`;
  }
  const quantity = raw.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    return `${where} (${item.name}): quantity must be a whole number from 1 to ${MAX_QUANTITY}`;
  }
  const requested = raw.modifiers ?? [];
  if (!Array.isArray(requested)) return `${where} (${item.name}): modifiers must be a list`;
  const modifiers: string[] = [];
  for (const id of requested) {
    if (typeof id !== 'string' || !findModifier(id) || !item.modifiers?.includes(id)) {
      return `${where} (${item.name}): "${String(id)}" is not available on ${item.name}`;
    }
    if (!modifiers.includes(id)) modifiers.push(id);
  }
  modifiers.sort();
  const unit = unitPriceCents(item, size, modifiers);
  return {
    line: { itemId: item.id, size, modifiers, quantity },
    priced: {
      itemId: item.id,
      name: item.name,
      size,
      modifiers: modifiers.map((id) => ({ id, label: findModifier(id)?.label ?? id })),
      quantity,
      unitPriceCents: unit,
      lineTotalCents: unit * quantity,
    },
  };
}

/** The order, checked and priced; throws OrderValidationError naming the first problem. */
export function priceOrder(body: unknown): PricedOrder {
  if (!isRecord(body)) throw new OrderValidationError('the order must be a JSON object');
  const { idempotencyKey, kioskId, lines } = body;
  if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new OrderValidationError('idempotencyKey must be 8 to 64 letters, digits, "-" or "_"');
  }
  if (typeof kioskId !== 'string' || !KIOSK_ID_PATTERN.test(kioskId)) {
    throw new OrderValidationError('kioskId must be 1 to 32 letters, digits, "-" or "_"');
  }
  if (!Array.isArray(lines) || lines.length === 0) throw new OrderValidationError('lines must be a non-empty list');
  if (lines.length > MAX_ORDER_LINES) throw new OrderValidationError(`an order has at most ${MAX_ORDER_LINES} lines`);
  const checked = lines.map(lineProblem);
  const problem = checked.find((entry) => typeof entry === 'string');
  if (typeof problem === 'string') throw new OrderValidationError(problem);
  const valid = checked as { line: OrderLineRequest; priced: PricedLine }[];
  const priced = valid.map((entry) => entry.priced);
  return {
    request: { idempotencyKey, kioskId, lines: valid.map((entry) => entry.line) },
    lines: priced,
    totalCents: priced.reduce((sum, line) => sum + line.lineTotalCents, 0),
  };
}
