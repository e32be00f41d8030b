import { describe, expect, it } from 'vitest';
import { MenuAgent, parseTranscript } from '../server/agent/menuAgent.ts';

describe('the local menu agent', () => {
  it.each([
    ["i'd like two cheeseburgers and a large coke", [['add_item', { item_id: 'cheeseburger', quantity: 2 }], ['add_item', { item_id: 'coke', quantity: 1, size: 'large' }]]],
    ['remove the coke', [['remove_item', { item_id: 'coke' }]]],
    ['can i get a chocolate shake and two fries', [['add_item', { item_id: 'milkshake', quantity: 1, modifiers: ['chocolate'] }], ['add_item', { item_id: 'fries', quantity: 2 }]]],
    ['make that three cheeseburgers', [['set_quantity', { item_id: 'cheeseburger', quantity: 3 }]]],
    ['change the fries to two', [['set_quantity', { item_id: 'fries', quantity: 2 }]]],
    ['a cheeseburger with bacon no pickles please', [['add_item', { item_id: 'cheeseburger', quantity: 1, modifiers: ['bacon', 'no_pickles'] }]]],
    ['an order of onion rings and a small sprite', [['add_item', { item_id: 'onion_rings', quantity: 1 }], ['add_item', { item_id: 'sprite', quantity: 1, size: 'small' }]]],
    ["two hamburgers that's all", [['add_item', { item_id: 'hamburger', quantity: 2 }], ['confirm_order', {}]]],
    ['start over', [['clear_order', {}]]],
    ['i want a veggie burger and an iced tea', [['add_item', { item_id: 'veggie_burger', quantity: 1 }], ['add_item', { item_id: 'iced_tea', quantity: 1 }]]],
  ])('"%s" becomes the right function calls', (transcript, expected) => {
    expect(parseTranscript(transcript).map((call) => [call.name, call.arguments])).toEqual(expected);
  });

  it('answers something it cannot match with help, not silence', () => {
    const reply = new MenuAgent().reply({ transcript: 'what is the weather', functionOutputs: [] });
    expect(reply.functionCalls).toEqual([]);
    expect(reply.text).toContain('two cheeseburgers and a large coke');
  });

  it('words the follow-up from the tool outputs, including a refusal', () => {
    const agent = new MenuAgent();
    const first = agent.reply({ transcript: "i'd like two cheeseburgers and a large coke", functionOutputs: [] });
    expect(first.functionCalls).toHaveLength(2);
    const ok = '{"ok":true}';
    expect(agent.reply({ transcript: null, functionOutputs: [{ callId: 'a', output: ok }, { callId: 'b', output: ok }] }).text).toBe(
      'Two cheeseburgers and a large coke added. Anything else?',
    );
    agent.reply({ transcript: 'remove the coke', functionOutputs: [] });
    expect(
      agent.reply({ transcript: null, functionOutputs: [{ callId: 'c', output: '{"ok":false,"error":"there is no Coke in the order"}' }] }).text,
    ).toBe("Sorry, I couldn't do that: there is no Coke in the order. Anything else?");
  });
});
