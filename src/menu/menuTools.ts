/** The function tools the assistant may call, declared in `session.update`, built from the menu. */

import type { FunctionTool } from '../protocol/realtimeEvents.ts';
import { MENU, MODIFIERS, SIZES } from './menu.ts';

export const ToolName = {
  addItem: 'add_item',
  removeItem: 'remove_item',
  setQuantity: 'set_quantity',
  clearOrder: 'clear_order',
  confirmOrder: 'confirm_order',
} as const;

const itemId = { type: 'string', enum: MENU.map((item) => item.id), description: 'The menu item id.' };
const size = { type: 'string', enum: SIZES, description: 'Only for items that come in sizes.' };

export const MENU_TOOLS: FunctionTool[] = [
  {
    type: 'function',
    name: ToolName.addItem,
    description: 'Add an item to the order.',
    parameters: {
      type: 'object',
      properties: {
        item_id: itemId,
        quantity: { type: 'integer', minimum: 1, maximum: 20 },
        size,
        modifiers: { type: 'array', items: { type: 'string', enum: MODIFIERS.map((modifier) => modifier.id) } },
      },
      required: ['item_id', 'quantity'],
    },
  },
  {
    type: 'function',
    name: ToolName.removeItem,
    description: 'Remove an item from the order (every size of it unless a size is given).',
    parameters: { type: 'object', properties: { item_id: itemId, size }, required: ['item_id'] },
  },
  {
    type: 'function',
    name: ToolName.setQuantity,
    description: 'Change how many of an item are in the order; 0 removes it.',
    parameters: {
      type: 'object',
      properties: { item_id: itemId, quantity: { type: 'integer', minimum: 0, maximum: 20 } },
      required: ['item_id', 'quantity'],
    },
  },
  {
    type: 'function',
    name: ToolName.clearOrder,
    description: 'Empty the order and start over.',
    parameters: { type: 'object', properties: {} },
  },
  {
    type: 'function',
    name: ToolName.confirmOrder,
    description: 'The customer is finished: confirm the order.',
    parameters: { type: 'object', properties: {} },
  },
];
