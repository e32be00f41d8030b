/**
 * The local server's menu agent. It parses a transcript into intents, resolves them
 * against its copy of the order (kept in step from the tools' outputs and from the order
 * the session's instructions state) and makes the function calls the real model would.
 * Each call is tried on that copy first with the cart's own rules, so a request that
 * cannot work is answered instead of sent. Questions
 * are answered from the menu and leave the order alone; when a request fits more than
 * one item or line, it asks which.
 */

import { applyToolCall, cartTotalCents, EMPTY_CART, ORDER_REPORT_LEAD, type Cart, type OrderReport } from '../../machines/cart.ts';
import { findItem, findModifier, type MenuItem, type Size } from '../../src/menu/menu.ts';
import { ToolName } from '../../src/menu/menuTools.ts';
import type { AgentFunctionCall, AgentReply, TurnAgent, TurnInput } from '../realtime/turnAgent.ts';
import { answer, menuOverview } from './menuAnswers.ts';
import { parseIntents, type Intent, type ItemSlot } from './intentParser.ts';
import { indefiniteArticle, NUMBER_WORDS } from './orderLanguage.ts';

export const NOT_UNDERSTOOD =
  "Sorry, I didn't catch that. You can say something like: two cheeseburgers and a large coke.";
export const NOT_HEARD = "Sorry, I didn't catch that. Hold the button and tell me what you'd like.";

function spokenCount(quantity: number): string {
  return Object.entries(NUMBER_WORDS).find(([, value]) => value === quantity)?.[0] ?? String(quantity);
}

function plainName(item: MenuItem, quantity: number): string {
  return quantity === 1 ? item.name.toLowerCase() : (item.spokenPlural[0] ?? item.name.toLowerCase());
}

/** "two cheeseburgers", "a large coke", "a chocolate milkshake". */
export function describeAddition(args: Record<string, unknown>): string {
  const item = findItem(String(args.item_id));
  if (!item) return 'that';
  const quantity = typeof args.quantity === 'number' ? args.quantity : 1;
  const size = typeof args.size === 'string' ? `${args.size} ` : '';
  const modifierIds = Array.isArray(args.modifiers) ? (args.modifiers as string[]) : [];
  const before = modifierIds.map(findModifier).filter((m) => m?.position === 'before').map((m) => `${m?.label.toLowerCase()} `).join('');
  const after = modifierIds.map(findModifier).filter((m) => m?.position === 'after').map((m) => m?.label.toLowerCase());
  const name = plainName(item, quantity);
  const article = quantity === 1 ? indefiniteArticle(`${size}${before}${name}`) : spokenCount(quantity);
  return `${article} ${size}${before}${name}${after.length ? ` with ${after.join(' and ')}` : ''}`;
}

function joinList(parts: string[], conjunction = 'and'): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface ToolOutput {
  ok?: boolean;
  error?: string;
  order?: OrderReport;
}

function parseOutput(raw: string): ToolOutput {
  try {
    return JSON.parse(raw) as ToolOutput;
  } catch {
    return { ok: false, error: 'the kiosk sent an unreadable answer' };
  }
}

interface Addition {
  itemId: string;
  quantity: number;
}

/** What one turn decided: the calls, what to say once they ran, and what to say anyway. */
class TurnPlan {
  readonly calls: AgentFunctionCall[] = [];
  readonly added: string[] = [];
  readonly done: string[] = [];
  readonly said: string[] = [];
  readonly touched: string[] = [];
  readonly additions: Addition[] = [];
  confirming = false;
  clearing = false;

  constructor(public cart: Cart) {}

  /** Tries the call on the order copy; sends it only if the cart's rules accept it. */
  call(name: string, args: Record<string, unknown>): boolean {
    // A confirmed order cannot change, so a request after one is the next customer's:
    // the kiosk starts them on an empty order without telling the server.
    if (this.cart.confirmed && name !== ToolName.clearOrder) this.cart = EMPTY_CART;
    const result = applyToolCall(this.cart, name, JSON.stringify(args));
    const output = parseOutput(result.output);
    if (!output.ok) {
      this.said.push(`Sorry, I couldn't do that: ${output.error ?? 'something went wrong'}.`);
      return false;
    }
    this.cart = result.cart;
    this.calls.push({ name, arguments: args });
    return true;
  }
}

export class MenuAgent implements TurnAgent {
  private cart: Cart = EMPTY_CART;
  private plan: TurnPlan | null = null;
  /** Items the previous turn added or changed: what "it", "that" and "one more" mean. */
  private previousTouched: string[] = [];
  private previousAdditions: Addition[] = [];
  /** An ask-back waiting for its answer ("Which burger?"), with the quantity asked for. */
  private pending: { itemIds: string[]; quantity: number | null } | null = null;

  /**
   * The client states the order in the session's instructions when a session takes over
   * mid-order (a renewal: this agent starts empty) and when the customer starts over (this
   * agent still holds the last customer's order). Instructions without that line say nothing
   * of the order and change nothing.
   */
  instructionsChanged(instructions: string): void {
    const report = readOrderReport(instructions);
    if (!report) return;
    this.cart = cartFromOrder(report);
    if (report.lines.length === 0) {
      // A new conversation: "it", "one more" and an unanswered "which burger?" were the last customer's.
      this.previousTouched = [];
      this.previousAdditions = [];
      this.pending = null;
      this.plan = null;
    }
  }

  reply(input: TurnInput): AgentReply {
    if (input.functionOutputs.length > 0) return { functionCalls: [], text: this.followUp(input.functionOutputs) };
    if (input.transcript === null || input.transcript.trim() === '') return { functionCalls: [], text: NOT_HEARD };
    const plan = new TurnPlan(this.cart);
    const pending = this.pending;
    this.pending = null;
    for (const intent of parseIntents(input.transcript)) this.apply(intent, plan, pending);
    if (plan.touched.length || plan.clearing) {
      this.previousTouched = plan.touched;
      this.previousAdditions = plan.additions;
    }
    this.cart = plan.cart;
    if (plan.calls.length === 0) {
      this.plan = null;
      return { functionCalls: [], text: plan.said.join(' ') || NOT_UNDERSTOOD };
    }
    this.plan = plan;
    return { functionCalls: plan.calls, text: null };
  }

  private followUp(outputs: { callId: string; output: string }[]): string {
    const plan = this.plan;
    this.plan = null;
    const parsed = outputs.map(({ output }) => parseOutput(output));
    const failures = parsed.filter((output) => !output.ok);
    const latest = parsed.filter((output) => output.ok && output.order).at(-1);
    if (latest?.order) this.cart = cartFromOrder(latest.order);
    if (!plan) return failures.length ? `Sorry, I couldn't do that: ${failures[0]!.error ?? 'something went wrong'}.` : 'Anything else?';
    const sentences: string[] = [];
    if (failures.length) {
      sentences.push(...failures.map((failure) => `Sorry, I couldn't do that: ${failure.error ?? 'something went wrong'}.`));
    } else {
      if (plan.added.length) sentences.push(`${capitalise(joinList(plan.added))} added.`);
      sentences.push(...plan.done);
    }
    sentences.push(...plan.said);
    if (plan.clearing && !failures.length) sentences.push('What would you like?');
    else if (plan.confirming && !failures.length) sentences.push('Thank you! Your order is confirmed.');
    else if (!sentences.some((sentence) => sentence.endsWith('?'))) sentences.push('Anything else?');
    return sentences.join(' ');
  }

  private apply(intent: Intent, plan: TurnPlan, pending: { itemIds: string[]; quantity: number | null } | null): void {
    switch (intent.kind) {
      case 'greet':
        return void plan.said.push('Hi! What would you like to order?');
      case 'unknown':
        return void plan.said.push(NOT_UNDERSTOOD);
      case 'unavailable':
        return void plan.said.push(`Sorry, we don't have ${intent.food}. ${menuOverview()}`);
      case 'ask': {
        const items = intent.items.flatMap((slot) => this.inCartFirst(slot, plan.cart)).map((id) => findItem(id)!);
        const first = intent.items[0];
        const asked = first && first.itemIds.length === 1 ? { size: first.size, modifiers: first.modifiers } : undefined;
        return void plan.said.push(answer(intent.topic, items, intent.words, cartTotalCents(plan.cart), asked));
      }
      case 'clear':
        if (plan.call(ToolName.clearOrder, {})) {
          plan.clearing = true;
          plan.done.push("I've cleared your order.");
        }
        return;
      case 'confirm':
        if (plan.cart.lines.length === 0) return void plan.said.push('Your order is empty so far. What would you like?');
        if (plan.call(ToolName.confirmOrder, {})) plan.confirming = true;
        return;
      case 'add': {
        const ids = intent.item.itemIds;
        const fromPending = pending && ids.length === 1 && pending.itemIds.includes(ids[0]!) ? pending.quantity : null;
        if (ids.length > 1) return this.askWhich(plan, ids, intent.item.quantity);
        return this.add(plan, ids[0]!, { ...intent.item, quantity: intent.item.quantity ?? fromPending }, intent.another);
      }
      case 'addLike': {
        const itemId = this.reference(plan);
        if (!itemId) return this.askWhichOf(plan);
        return this.add(plan, itemId, { itemIds: [itemId], quantity: intent.quantity, size: intent.size, modifiers: intent.modifiers }, intent.modifiers.length === 0 && !intent.size);
      }
      case 'remove':
        return this.remove(plan, intent.item, intent.count);
      case 'setQuantity': {
        const itemId = intent.item ? this.resolveInCart(plan, intent.item) : this.reference(plan);
        if (itemId === undefined) return;
        if (!itemId) return this.askWhichOf(plan);
        const lines = plan.cart.lines.filter((line) => line.itemId === itemId);
        if (lines.length === 0) return this.add(plan, itemId, { itemIds: [itemId], quantity: intent.quantity, size: intent.item?.size ?? null, modifiers: intent.item?.modifiers ?? [] }, false);
        if (lines.length > 1) return void plan.said.push(`You have ${lines.length} kinds of ${findItem(itemId)!.name.toLowerCase()}; which one should change?`);
        if (plan.call(ToolName.setQuantity, { item_id: itemId, quantity: intent.quantity })) {
          plan.touched.push(itemId);
          plan.done.push(intent.quantity === 0 ? `${findItem(itemId)!.name} removed.` : `Okay, ${spokenCount(intent.quantity)} ${plainName(findItem(itemId)!, intent.quantity)}.`);
        }
        return;
      }
      case 'setSize': {
        const itemId = intent.item ? this.resolveInCart(plan, intent.item) : this.reference(plan);
        if (itemId === undefined) return;
        if (!itemId) return this.askWhichOf(plan);
        const item = findItem(itemId)!;
        if (!item.sizes) return void plan.said.push(`The ${item.name.toLowerCase()} comes in one size.`);
        const lines = plan.cart.lines.filter((line) => line.itemId === itemId);
        if (lines.length === 0) return this.add(plan, itemId, { itemIds: [itemId], quantity: 1, size: intent.size, modifiers: [] }, false);
        if (lines.length > 1) return void plan.said.push(`You have ${lines.length} kinds of ${item.name.toLowerCase()}; which one should change?`);
        const line = lines[0]!;
        if (!plan.call(ToolName.removeItem, { item_id: itemId })) return;
        const args: Record<string, unknown> = { item_id: itemId, quantity: line.quantity, size: intent.size };
        if (line.modifiers.length) args.modifiers = line.modifiers;
        if (plan.call(ToolName.addItem, args)) {
          plan.touched.push(itemId);
          plan.done.push(`Okay, ${spokenCount(line.quantity)} ${intent.size} ${plainName(item, line.quantity)}.`);
        }
        return;
      }
      case 'replace': {
        const from = intent.from ? this.resolveInCart(plan, intent.from) : this.lastAddition(plan);
        if (intent.to.itemIds.length > 1) return this.askWhich(plan, intent.to.itemIds, intent.to.quantity);
        const toId = intent.to.itemIds[0]!;
        if (!from || from === toId) return this.add(plan, toId, intent.to, false);
        const fromLines = plan.cart.lines.filter((line) => line.itemId === from);
        if (fromLines.length === 0) return this.add(plan, toId, intent.to, false);
        const fromTotal = fromLines.reduce((sum, line) => sum + line.quantity, 0);
        // A correction takes back what was just added; a swap replaces the whole item.
        const takeBack = intent.from ? fromTotal : Math.min(fromTotal, this.addedQuantity(plan, from) || fromTotal);
        const ok =
          takeBack >= fromTotal
            ? plan.call(ToolName.removeItem, { item_id: from })
            : fromLines.length === 1 && plan.call(ToolName.setQuantity, { item_id: from, quantity: fromTotal - takeBack });
        if (!ok) return;
        plan.done.push(`${findItem(from)!.name} taken off.`);
        plan.additions.splice(0, plan.additions.length, ...plan.additions.filter((addition) => addition.itemId !== from));
        return this.add(plan, toId, { ...intent.to, quantity: intent.to.quantity ?? takeBack }, false);
      }
      case 'undo': {
        const additions = plan.additions.length ? [...plan.additions] : this.previousAdditions;
        if (additions.length === 0) return void plan.said.push("There's nothing to take back.");
        plan.additions.length = 0;
        for (const addition of additions) {
          const lines = plan.cart.lines.filter((line) => line.itemId === addition.itemId);
          const total = lines.reduce((sum, line) => sum + line.quantity, 0);
          if (total === 0) continue;
          const ok =
            total <= addition.quantity
              ? plan.call(ToolName.removeItem, { item_id: addition.itemId })
              : lines.length === 1 && plan.call(ToolName.setQuantity, { item_id: addition.itemId, quantity: total - addition.quantity });
          if (ok) plan.done.push(`${findItem(addition.itemId)!.name} taken off.`);
        }
        plan.touched.push(...additions.map((addition) => addition.itemId));
        return;
      }
    }
  }

  private add(plan: TurnPlan, itemId: string, slot: ItemSlot, another: boolean): void {
    const item = findItem(itemId)!;
    let size = slot.size;
    let modifiers = slot.modifiers.filter((id) => item.modifiers?.includes(id));
    const existing = plan.cart.lines.filter((line) => line.itemId === itemId);
    if (another && !size && modifiers.length === 0 && existing.length === 1) {
      // "another coke" is another of the coke already ordered, in its size.
      size = existing[0]!.size;
      modifiers = existing[0]!.modifiers;
    }
    const args: Record<string, unknown> = { item_id: itemId, quantity: slot.quantity ?? 1 };
    if (size && item.sizes) args.size = size;
    if (modifiers.length) args.modifiers = modifiers;
    if (plan.call(ToolName.addItem, args)) {
      plan.added.push(describeAddition(args));
      plan.touched.push(itemId);
      plan.additions.push({ itemId, quantity: slot.quantity ?? 1 });
    }
  }

  private remove(plan: TurnPlan, slot: ItemSlot | null, count: number | null): void {
    const itemId = slot ? this.resolveInCart(plan, slot) : this.reference(plan);
    if (itemId === undefined) return;
    if (!itemId) return this.askWhichOf(plan);
    const item = findItem(itemId)!;
    const lines = plan.cart.lines.filter((line) => line.itemId === itemId && (!slot?.size || line.size === slot.size));
    if (lines.length === 0) return void plan.said.push(`There's no ${item.name.toLowerCase()} in your order.`);
    const total = lines.reduce((sum, line) => sum + line.quantity, 0);
    if (count === null || count >= total) {
      const args: Record<string, unknown> = { item_id: itemId };
      if (slot?.size && item.sizes) args.size = slot.size;
      if (plan.call(ToolName.removeItem, args)) plan.done.push(`${item.name} removed.`);
    } else if (lines.length > 1) {
      plan.said.push(`You have ${lines.length} kinds of ${item.name.toLowerCase()}; which one should I take off?`);
    } else if (plan.call(ToolName.setQuantity, { item_id: itemId, quantity: total - count })) {
      plan.done.push(`Okay, ${spokenCount(total - count)} ${plainName(item, total - count)}.`);
    }
    plan.touched.push(itemId);
  }

  /** Candidates narrowed to those in the order, when that narrows them. */
  private inCartFirst(slot: ItemSlot, cart: Cart): string[] {
    if (slot.itemIds.length === 1) return slot.itemIds;
    const inCart = slot.itemIds.filter((id) => cart.lines.some((line) => line.itemId === id));
    return inCart.length ? inCart : slot.itemIds;
  }

  /** One item id; undefined when an ask-back was made. */
  private resolveInCart(plan: TurnPlan, slot: ItemSlot): string | undefined {
    const ids = this.inCartFirst(slot, plan.cart);
    if (ids.length === 1) return ids[0];
    this.askWhich(plan, ids, null, 'Which one do you mean');
    return undefined;
  }

  /** What "it", "that", "one more" refer to: the item just spoken of, or null when unclear. */
  private reference(plan: TurnPlan): string | null {
    if (plan.touched.length) return plan.touched.at(-1)!;
    const previous = [...new Set(this.previousTouched)].filter((id) => plan.cart.lines.some((line) => line.itemId === id));
    if (previous.length === 1) return previous[0]!;
    if (previous.length > 1) return null;
    const inCart = [...new Set(plan.cart.lines.map((line) => line.itemId))];
    return inCart.length === 1 ? inCart[0]! : null;
  }

  private lastAddition(plan: TurnPlan): string | null {
    const addition = plan.additions.at(-1) ?? this.previousAdditions.at(-1);
    return addition && plan.cart.lines.some((line) => line.itemId === addition.itemId) ? addition.itemId : null;
  }

  private addedQuantity(plan: TurnPlan, itemId: string): number {
    const additions = plan.additions.some((addition) => addition.itemId === itemId) ? plan.additions : this.previousAdditions;
    return additions.filter((addition) => addition.itemId === itemId).reduce((sum, addition) => sum + addition.quantity, 0);
  }

  private askWhich(plan: TurnPlan, itemIds: string[], quantity: number | null, lead = 'Which would you like'): void {
    this.pending = { itemIds, quantity };
    plan.said.push(`${lead}: ${joinList(itemIds.map((id) => `the ${findItem(id)!.name.toLowerCase()}`), 'or')}?`);
  }

  private askWhichOf(plan: TurnPlan): void {
    const ids = [...new Set(plan.cart.lines.map((line) => line.itemId))];
    if (ids.length === 0) return void plan.said.push('Your order is empty so far. What would you like?');
    this.askWhich(plan, ids, null, 'Which one do you mean');
  }
}

/** The order report on its own line of the instructions, if it is there and well formed. */
function readOrderReport(instructions: string): Pick<OrderReport, 'lines' | 'confirmed'> | null {
  const line = instructions.split('\n').find((text) => text.startsWith(ORDER_REPORT_LEAD));
  if (!line) return null;
  try {
    const report = JSON.parse(line.slice(ORDER_REPORT_LEAD.length)) as Partial<OrderReport> | null;
    const wellFormed =
      Array.isArray(report?.lines) &&
      report.lines.every((entry) => typeof entry?.item_id === 'string' && Number.isInteger(entry.quantity) && Array.isArray(entry.modifiers));
    return wellFormed ? { lines: report.lines!, confirmed: report.confirmed === true } : null;
  } catch {
    return null;
  }
}

/** The order as the kiosk reported it, rebuilt with the cart's own rules. */
function cartFromOrder(order: Pick<OrderReport, 'lines' | 'confirmed'>): Cart {
  let cart = EMPTY_CART;
  for (const line of order.lines) {
    const args: Record<string, unknown> = { item_id: line.item_id, quantity: line.quantity, modifiers: line.modifiers };
    if (line.size) args.size = line.size as Size;
    cart = applyToolCall(cart, ToolName.addItem, JSON.stringify(args)).cart;
  }
  return order.confirmed ? { ...cart, confirmed: true } : cart;
}

/** The calls one transcript makes on an empty order, for tests and tools. */
export function parseTranscript(transcript: string): AgentFunctionCall[] {
  return new MenuAgent().reply({ transcript, functionOutputs: [] }).functionCalls;
}
