/**
 * What a client may add with `conversation.item.create`, checked as the real service
 * does: the item is an object, a client id is 1–32 characters, a function output names
 * its call. Refusals name the field.
 */

export interface ItemRefusal {
  code: string;
  message: string;
  param: string;
}

export type CheckedItem =
  | { ok: true; item: Record<string, unknown>; functionOutput: { callId: string; output: string } | null }
  | ({ ok: false } & ItemRefusal);

const MAX_ITEM_ID_LENGTH = 32;

export function checkConversationItem(item: unknown): CheckedItem {
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    return { ok: false, code: 'invalid_type', message: "Invalid type for 'item': expected an object.", param: 'item' };
  }
  const fields = item as Record<string, unknown>;
  if (fields.id !== undefined && (typeof fields.id !== 'string' || fields.id.length === 0 || fields.id.length > MAX_ITEM_ID_LENGTH)) {
    return { ok: false, code: 'invalid_value', message: `Invalid 'item.id': expected a string of 1 to ${MAX_ITEM_ID_LENGTH} characters.`, param: 'item.id' };
  }
  if (fields.type !== 'function_call_output') return { ok: true, item: fields, functionOutput: null };
  if (typeof fields.call_id !== 'string') {
    return { ok: false, code: 'missing_required_parameter', message: "Missing required parameter: 'item.call_id'.", param: 'item.call_id' };
  }
  return { ok: true, item: fields, functionOutput: { callId: fields.call_id, output: typeof fields.output === 'string' ? fields.output : '' } };
}
