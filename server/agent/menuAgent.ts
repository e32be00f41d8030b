/**
 * The local server's menu agent. From a transcript it makes the function calls the real
 * model would (add, remove, change quantity, clear, confirm); once the client has run them
 * it says what happened, from the tools' own outputs. Anything it cannot match gets a
 * helpful answer, not silence.
 */

import { findItem, findModifier, type Size } from '../../src/menu/menu.ts';
import { ToolName } from '../../src/menu/menuTools.ts';
import type { AgentFunctionCall, AgentReply, TurnAgent, TurnInput } from '../realtime/turnAgent.ts';
import {
  CLEAR_PHRASES,
  CONFIRM_PHRASES,
  itemPhrases,
  modifierPhrases,
  NUMBER_WORDS,
  ORDER_LEADS,
  ORDER_OF,
  POLITE_TAIL,
  REMOVE_LEADS,
  SIZE_WORDS,
  type ItemPhrase,
} from './orderLanguage.ts';

const ITEM_PHRASES = itemPhrases();
const MODIFIER_PHRASES = modifierPhrases();
const NOT_UNDERSTOOD =
  "Sorry, I didn't catch an item from our menu. You can say something like: two cheeseburgers and a large coke.";

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function stripLeading(text: string, phrases: readonly string[]): string {
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    if (text === phrase) return '';
    if (text.startsWith(`${phrase} `)) return text.slice(phrase.length + 1);
  }
  return text;
}

function findItemPhrase(text: string): { phrase: ItemPhrase; before: string; after: string } | null {
  for (const phrase of ITEM_PHRASES) {
    const match = new RegExp(`(^| )${phrase.words}( |$)`).exec(text);
    if (match) {
      const start = match.index + match[1]!.length;
      return {
        phrase,
        before: text.slice(0, start).trim(),
        after: text.slice(start + phrase.words.length).trim(),
      };
    }
  }
  return null;
}

/** "a large chocolate milkshake with extra cheese" → an add_item call, or null. */
export function parseOrderClause(clause: string): AgentFunctionCall | null {
  const found = findItemPhrase(clause);
  if (!found) return null;
  const item = findItem(found.phrase.itemId);
  if (!item) return null;
  let quantity = 1;
  let size: Size | undefined;
  const modifiers: string[] = [];
  const before = found.before.replace(ORDER_OF, 'one').split(' ').filter(Boolean);
  for (const word of before) {
    if (word in NUMBER_WORDS) quantity = NUMBER_WORDS[word]!;
    else if ((SIZE_WORDS as readonly string[]).includes(word)) size = word as Size;
  }
  const describe = `${found.before} ${found.after}`;
  for (const modifier of MODIFIER_PHRASES) {
    if (new RegExp(`(^| )${modifier.words}( |$)`).test(describe) && item.modifiers?.includes(modifier.modifierId)) {
      if (!modifiers.includes(modifier.modifierId)) modifiers.push(modifier.modifierId);
    }
  }
  const args: Record<string, unknown> = { item_id: item.id, quantity };
  if (size && item.sizes) args.size = size;
  if (modifiers.length) args.modifiers = modifiers;
  return { name: ToolName.addItem, arguments: args };
}

/** The whole transcript → the calls to make, in order. Empty when nothing matched. */
export function parseTranscript(transcript: string): AgentFunctionCall[] {
  let text = normalise(transcript);
  const calls: AgentFunctionCall[] = [];
  let confirm = false;
  for (const phrase of CONFIRM_PHRASES) {
    if (text === phrase || text.endsWith(` ${phrase}`)) {
      confirm = true;
      text = text.slice(0, text.length - phrase.length).trim();
      break;
    }
  }
  if (CLEAR_PHRASES.includes(text)) return [{ name: ToolName.clearOrder, arguments: {} }];

  const removeText = stripLeading(text, REMOVE_LEADS);
  const changeMatch = /^(?:make (?:that|it) (\w+)(?: (.+))?|change the (.+) to (\w+))$/.exec(text);
  if (removeText !== text && text !== '') {
    const found = findItemPhrase(removeText);
    if (found) calls.push({ name: ToolName.removeItem, arguments: { item_id: found.phrase.itemId } });
  } else if (changeMatch) {
    const quantityWord = changeMatch[1] ?? changeMatch[4] ?? '';
    const itemText = changeMatch[2] ?? changeMatch[3] ?? '';
    const found = findItemPhrase(itemText);
    const quantity = NUMBER_WORDS[quantityWord];
    if (found && quantity !== undefined) {
      calls.push({ name: ToolName.setQuantity, arguments: { item_id: found.phrase.itemId, quantity } });
    }
  } else if (text !== '') {
    for (const rawClause of text.split(' and ')) {
      const clause = stripLeading(stripLeading(rawClause.trim(), ORDER_LEADS), ORDER_LEADS)
        .replace(new RegExp(` ${POLITE_TAIL}$`), '')
        .trim();
      const call = parseOrderClause(clause);
      if (call) calls.push(call);
    }
  }
  if (confirm) calls.push({ name: ToolName.confirmOrder, arguments: {} });
  return calls;
}

function spokenCount(quantity: number): string {
  const word = Object.entries(NUMBER_WORDS).find(([, value]) => value === quantity)?.[0];
  return word ?? String(quantity);
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
  const name = quantity === 1 ? item.name.toLowerCase() : (item.spokenPlural[0] ?? item.name.toLowerCase());
  const article = quantity === 1 ? (/^[aeiou]/.test(`${size}${before}${name}`) ? 'an' : 'a') : spokenCount(quantity);
  return `${article} ${size}${before}${name}${after.length ? ` with ${after.join(' and ')}` : ''}`;
}

function joinList(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface ToolOutput {
  ok?: boolean;
  error?: string;
}

function parseOutput(raw: string): ToolOutput {
  try {
    return JSON.parse(raw) as ToolOutput;
  } catch {
    return { ok: false, error: 'the kiosk sent an unreadable answer' };
  }
}

export class MenuAgent implements TurnAgent {
  /** The calls of the last response, by position, to word the follow-up. */
  private lastCalls: AgentFunctionCall[] = [];

  reply(input: TurnInput): AgentReply {
    if (input.functionOutputs.length > 0) return { functionCalls: [], text: this.followUp(input.functionOutputs) };
    if (input.transcript === null) {
      return { functionCalls: [], text: "Sorry, I didn't hear anything. Hold the button and tell me what you'd like." };
    }
    const calls = parseTranscript(input.transcript);
    this.lastCalls = calls;
    if (calls.length === 0) return { functionCalls: [], text: NOT_UNDERSTOOD };
    return { functionCalls: calls, text: null };
  }

  private followUp(outputs: { callId: string; output: string }[]): string {
    const calls = this.lastCalls;
    this.lastCalls = [];
    const added: string[] = [];
    const sentences: string[] = [];
    let confirmed = false;
    outputs.forEach(({ output }, index) => {
      const call = calls[index];
      const result = parseOutput(output);
      if (!call) return;
      if (!result.ok) {
        sentences.push(`Sorry, I couldn't do that: ${result.error ?? 'something went wrong'}.`);
        return;
      }
      switch (call.name) {
        case ToolName.addItem:
          added.push(describeAddition(call.arguments));
          break;
        case ToolName.removeItem:
          sentences.push(`${findItem(String(call.arguments.item_id))?.name ?? 'That'} removed.`);
          break;
        case ToolName.setQuantity:
          sentences.push(
            `Okay, ${spokenCount(Number(call.arguments.quantity))} ${findItem(String(call.arguments.item_id))?.spokenPlural[0] ?? 'of those'}.`,
          );
          break;
        case ToolName.clearOrder:
          sentences.push("I've cleared your order. What would you like?");
          return;
        case ToolName.confirmOrder:
          confirmed = true;
          break;
      }
    });
    if (added.length) sentences.unshift(`${capitalise(joinList(added))} added.`);
    if (confirmed) sentences.push('Thank you! Your order is confirmed.');
    else if (!sentences.some((sentence) => sentence.endsWith('?'))) sentences.push('Anything else?');
    return sentences.join(' ');
  }
}
