/**
 * The text tier: a phrase set's exact words → the menu agent → the kiosk's cart rules,
 * step by step through each conversation, as the client would run the tool calls.
 */

import { applyToolCall, EMPTY_CART, type Cart } from '../../machines/cart.ts';
import { MenuAgent } from '../../server/agent/menuAgent.ts';
import type { ExpectedLine, PhraseSet, PhraseStep } from './phraseSet.ts';

export function cartKey(lines: readonly ExpectedLine[]): string {
  return lines
    .map(([item, size, quantity, modifiers]) => `${quantity}x ${item}${size ? ` ${size}` : ''}${modifiers?.length ? ` +${[...modifiers].sort().join('+')}` : ''}`)
    .sort()
    .join(', ');
}

export function cartLines(cart: Cart): ExpectedLine[] {
  return cart.lines.map((line) => [line.itemId, line.size, line.quantity, line.modifiers]);
}

export interface StepResult {
  step: PhraseStep;
  heard: string;
  cart: string;
  confirmed: boolean;
  reply: string;
  right: boolean;
  /** The cart or its confirmation differs from before the step. */
  changed: boolean;
}

/** Whether the cart (and the reply, where the step names words it must contain) is what the step asked for. */
export function judge(step: PhraseStep, cart: Cart, reply: string): boolean {
  return (
    cartKey(cartLines(cart)) === cartKey(step.cart) &&
    cart.confirmed === (step.confirmed ?? false) &&
    (step.reply === undefined || reply.toLowerCase().includes(step.reply))
  );
}

/**
 * Runs every conversation of the set. With `heardAs` (one transcript per step of
 * `set.scripts.flat()`, sounds included) each step is replayed as it was heard instead of as
 * it was written: a spoken run's transcripts, re-judged against today's agent.
 */
export function runTextTier(set: PhraseSet, heardAs?: readonly string[]): StepResult[] {
  const steps = set.scripts.flat();
  if (heardAs && heardAs.length !== steps.length) {
    throw new Error(`${set.name}: ${heardAs.length} transcripts for ${steps.length} steps`);
  }
  const results: StepResult[] = [];
  let stepIndex = -1;
  for (const script of set.scripts) {
    const agent = new MenuAgent();
    let cart: Cart = EMPTY_CART;
    for (const step of script) {
      stepIndex += 1;
      if (step.sound && !heardAs) continue;
      const heard = heardAs ? heardAs[stepIndex]! : step.say;
      const before = { lines: cartKey(cartLines(cart)), confirmed: cart.confirmed };
      const first = agent.reply({ transcript: heard, functionOutputs: [] });
      let reply = first.text ?? '';
      if (first.functionCalls.length) {
        const outputs = first.functionCalls.map((call, index) => {
          const result = applyToolCall(cart, call.name, JSON.stringify(call.arguments));
          cart = result.cart;
          return { callId: `call_${index}`, output: result.output };
        });
        reply = agent.reply({ transcript: null, functionOutputs: outputs }).text ?? '';
      }
      const after = cartKey(cartLines(cart));
      const changed = after !== before.lines || cart.confirmed !== before.confirmed;
      results.push({ step, heard, cart: after, confirmed: cart.confirmed, reply, right: judge(step, cart, reply), changed });
    }
  }
  return results;
}
