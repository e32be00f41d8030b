import { describe, expect, it } from 'vitest';
import { applyToolCall, EMPTY_CART, ORDER_REPORT_LEAD, orderStatement, type Cart } from '../machines/cart.ts';
import { MenuAgent, parseTranscript } from '../server/agent/menuAgent.ts';

/** Says each phrase to one agent, running its calls on a cart as the kiosk does; returns the last turn's calls. */
function converse(...phrases: string[]): { calls: [string, Record<string, unknown>][]; cart: Cart; reply: string } {
  const agent = new MenuAgent();
  let cart = EMPTY_CART;
  let calls: [string, Record<string, unknown>][] = [];
  let reply = '';
  for (const transcript of phrases) {
    const first = agent.reply({ transcript, functionOutputs: [] });
    calls = first.functionCalls.map((call) => [call.name, call.arguments]);
    reply = first.text ?? '';
    if (first.functionCalls.length) {
      const outputs = first.functionCalls.map((call, index) => {
        const result = applyToolCall(cart, call.name, JSON.stringify(call.arguments));
        cart = result.cart;
        return { callId: String(index), output: result.output };
      });
      reply = agent.reply({ transcript: null, functionOutputs: outputs }).text ?? '';
    }
  }
  return { calls, cart, reply };
}

describe('the local menu agent', () => {
  it.each([
    ["i'd like two cheeseburgers and a large coke", [['add_item', { item_id: 'cheeseburger', quantity: 2 }], ['add_item', { item_id: 'coke', quantity: 1, size: 'large' }]]],
    ['can i get a chocolate shake and two fries', [['add_item', { item_id: 'milkshake', quantity: 1, modifiers: ['chocolate'] }], ['add_item', { item_id: 'fries', quantity: 2 }]]],
    ['a cheeseburger with bacon no pickles please', [['add_item', { item_id: 'cheeseburger', quantity: 1, modifiers: ['bacon', 'no_pickles'] }]]],
    ['an order of onion rings and a small sprite', [['add_item', { item_id: 'onion_rings', quantity: 1 }], ['add_item', { item_id: 'sprite', quantity: 1, size: 'small' }]]],
    ["two hamburgers that's all", [['add_item', { item_id: 'hamburger', quantity: 2 }], ['confirm_order', {}]]],
    ['i want a veggie burger and an iced tea', [['add_item', { item_id: 'veggie_burger', quantity: 1 }], ['add_item', { item_id: 'iced_tea', quantity: 1 }]]],
    ['eighteen cookies', [['add_item', { item_id: 'cookie', quantity: 18 }]]],
  ])('"%s" on an empty order becomes the right function calls', (transcript, expected) => {
    expect(parseTranscript(transcript).map((call) => [call.name, call.arguments])).toEqual(expected);
  });

  it.each([
    [['two cheeseburgers and a large coke', 'remove the coke'], [['remove_item', { item_id: 'coke' }]]],
    [['two cheeseburgers', 'make that three cheeseburgers'], [['set_quantity', { item_id: 'cheeseburger', quantity: 3 }]]],
    [['two fries', 'change the fries to two'], [['set_quantity', { item_id: 'fries', quantity: 2 }]]],
    [['two cheeseburgers', 'start over'], [['clear_order', {}]]],
    [['three cokes', 'take away one of the cokes'], [['set_quantity', { item_id: 'coke', quantity: 2 }]]],
    [['a large fries', 'make the fries small'], [['remove_item', { item_id: 'fries' }], ['add_item', { item_id: 'fries', quantity: 1, size: 'small' }]]],
  ])('%j against the order it built makes the right calls', (phrases, expected) => {
    expect(converse(...phrases).calls).toEqual(expected);
  });

  it('answers a question from the menu and leaves the order alone', () => {
    const { calls, cart, reply } = converse('a coke', 'how much is a cheeseburger');
    expect(calls).toEqual([]);
    expect(cart.lines.map((line) => line.itemId)).toEqual(['coke']);
    expect(reply).toBe('The cheeseburger is $5.99.');
  });

  it('prices the size and extras asked about (regression: "with extra cheese" was priced as a plain cheeseburger)', () => {
    expect(converse("what's the price of a cheeseburger with extra cheese").reply).toBe('The cheeseburger with extra cheese is $6.74.');
    expect(converse('how much is a large chocolate shake').reply).toBe('The large chocolate milkshake is $4.99.');
    expect(converse('how much is a large fries').reply).toBe('The large fries is $3.49.');
    expect(converse('how much is a coke').reply).toBe('The coke is $1.99 small, $2.29 medium, $2.59 large.');
  });

  it('asks which burger instead of guessing, and takes the answer with the quantity asked for', () => {
    expect(converse('two burgers').reply).toBe('Which would you like: the hamburger, the cheeseburger or the veggie burger?');
    expect(converse('two burgers', 'cheeseburgers').cart.lines.map((line) => [line.itemId, line.quantity])).toEqual([['cheeseburger', 2]]);
  });

  it('confirms only on an explicit confirmation, never on a fragment', () => {
    for (const fragment of ['okay', 'yeah', 'good', 'that looks good', 'no', 'fine']) {
      expect(converse('a coke', fragment).cart.confirmed, fragment).toBe(false);
    }
    expect(converse('a coke', "that's everything").cart.confirmed).toBe(true);
  });

  it('takes the next customer\'s order after a confirmed one (regression: it refused as "already confirmed")', () => {
    const agent = new MenuAgent();
    agent.reply({ transcript: "a coke that's all", functionOutputs: [] });
    const order = (lines: unknown[], confirmed: boolean) => JSON.stringify({ ok: true, order: { lines, confirmed } });
    const coke = { item_id: 'coke', size: 'medium', modifiers: [], quantity: 1 };
    agent.reply({ transcript: null, functionOutputs: [{ callId: 'a', output: order([coke], false) }, { callId: 'b', output: order([coke], true) }] });
    // The kiosk empties its cart for the next customer; the server is not told.
    expect(agent.reply({ transcript: 'two cookies', functionOutputs: [] }).functionCalls).toEqual([
      { name: 'add_item', arguments: { item_id: 'cookie', quantity: 2 } },
    ]);
  });

  it('takes nothing back for a remove word with nothing named (regression: misheard talk removed the last item)', () => {
    for (const heard of ['can you delete okay', 'uh delete the', "we don't want the menu"]) {
      expect(converse('a cheeseburger', heard).cart.lines.map((line) => line.itemId), heard).toEqual(['cheeseburger']);
    }
    expect(converse('a cheeseburger', 'scratch that').cart.lines).toEqual([]);
  });

  it('adds nothing for a menu word among words no order has (regression: misheard talk added an item)', () => {
    // What the recognizer made of off-topic talk on the development set.
    for (const heard of ['that sundaes nice', 'can i get a tea set in']) {
      const turn = converse('a cheeseburger', heard);
      expect(turn.cart.lines.map((line) => [line.itemId, line.quantity]), heard).toEqual([['cheeseburger', 1]]);
      expect(turn.reply, heard).toMatch(/didn't catch that|can only help/);
    }
    // One stray word is still an order: "can i get a tea to" is a tea.
    expect(converse('can i get a tea to').cart.lines.map((line) => line.itemId)).toEqual(['iced_tea']);
  });

  it('adds nothing for "can you" with a verb no order uses (regression: "can you tell me a joke" added a coke)', () => {
    // How en-us+f3 heard "can you tell me a joke" through the real path.
    for (const heard of ['can you telling a coke', 'could you sing me a shake song']) {
      expect(converse('a cheeseburger', heard).cart.lines.map((line) => [line.itemId, line.quantity]), heard).toEqual([['cheeseburger', 1]]);
    }
    // The verbs that change an order still do.
    expect(converse('can you add a coke').cart.lines.map((line) => line.itemId)).toEqual(['coke']);
    expect(converse('could you get me a coke').cart.lines.map((line) => line.itemId)).toEqual(['coke']);
    expect(converse('a coke', 'can you remove the coke').cart.lines).toEqual([]);
  });

  // Found by the fresh held-out set (test/language/freshSet.ts), each with its phrase there.
  it('changes nothing for a pause after a correction cue (regression: "hold on, one sec" set three cokes to one)', () => {
    const lines = (result: { cart: Cart }) => result.cart.lines.map((line) => [line.itemId, line.quantity]);
    expect(lines(converse('so like two cokes and a hamburger', 'make the cokes three', 'hold on, one sec'))).toEqual([['coke', 3], ['hamburger', 1]]);
    expect(lines(converse('three cokes', 'wait, one minute'))).toEqual([['coke', 3]]);
    // A correction cue with a bare number still corrects, and "make that" may carry a word.
    expect(lines(converse('three cokes', 'actually, two'))).toEqual([['coke', 2]]);
    expect(lines(converse('three cokes', 'make that two please'))).toEqual([['coke', 2]]);
  });

  it('takes "no, seven cookies" as a correction of what was just ordered (regression: it added seven more)', () => {
    const lines = (result: { cart: Cart }) => result.cart.lines.map((line) => [line.itemId, line.quantity]);
    expect(lines(converse('six cheeseburgers please', 'and nine cookies', 'no, seven cookies'))).toEqual([['cheeseburger', 6], ['cookie', 7]]);
    // As the recognizer writes it, with no comma: it took seven off.
    expect(lines(converse('and nine cookies', 'no seven cookies'))).toEqual([['cookie', 7]]);
    expect(lines(converse('nine cookies and a coke', 'no cookies'))).toEqual([['coke', 1]]);
    expect(lines(converse('a cheeseburger', 'no, a hamburger'))).toEqual([['hamburger', 1]]);
    // "no, and …" answers a question and adds.
    expect(lines(converse('a cheeseburger', 'no, and a coke'))).toEqual([['cheeseburger', 1], ['coke', 1]]);
  });

  it('resizes the item just ordered when a size is said alone (regression: "large please" was not understood)', () => {
    const shake = converse('okay, just a chocolate milkshake then', 'large please').cart.lines;
    expect(shake.map((line) => [line.itemId, line.size, line.modifiers])).toEqual([['milkshake', 'large', ['chocolate']]]);
  });

  it('orders for someone beside the customer (regression: "she wants the chicken nuggets" was not understood)', () => {
    expect(converse('she wants the chicken nuggets').cart.lines.map((line) => line.itemId)).toEqual(['nuggets']);
    expect(converse('a hamburger', 'and he wants a coke').cart.lines.map((line) => line.itemId)).toEqual(['hamburger', 'coke']);
  });

  it('hears "where was I" and "for us" as talk around an order (regression: a question, and an unknown request)', () => {
    const lines = (result: { cart: Cart }) => result.cart.lines.map((line) => [line.itemId, line.quantity]);
    expect(lines(converse('a cheeseburger', 'okay, where was I, make it two cheeseburgers'))).toEqual([['cheeseburger', 2]]);
    expect(converse('fifteen cheeseburgers', "that's it for us").cart.confirmed).toBe(true);
  });

  it('gives each size to its own item in a list said without commas (regression: both fries and lemonade came medium)', () => {
    const lines = converse('I want a veggie burger a small fries a medium lemonade and a cookie').cart.lines;
    expect(lines.map((line) => [line.itemId, line.size])).toEqual([['veggie_burger', null], ['fries', 'small'], ['lemonade', 'medium'], ['cookie', null]]);
    expect(converse('a large coke a small sprite').cart.lines.map((line) => [line.itemId, line.size])).toEqual([['coke', 'large'], ['sprite', 'small']]);
    expect(converse('two fries', 'make the fries large').cart.lines.map((line) => [line.itemId, line.size])).toEqual([['fries', 'large']]);
  });

  it('leaves the cart alone for talk that is near those orders but is not one', () => {
    // Each of these changed the cart with an earlier, broader version of the rules above.
    const lines = (result: { cart: Cart }) => result.cart.lines.map((line) => [line.itemId, line.size, line.quantity]);
    for (const talk of ["she doesn't want fries", 'she is a smart cookie', 'she wants to cola mom', 'let me see if she wants a cookie', 'they love the fries here']) {
      expect(converse(talk).cart.lines, talk).toEqual([]);
    }
    for (const talk of ['no eight a sprite', 'no four here', 'by and large', 'oh so small', 'small and medium', 'hold on just one second', 'wait just one minute', 'just one sec']) {
      expect(lines(converse('a coke', talk)), talk).toEqual([['coke', 'medium', 1]]);
    }
  });

  // Found on the real path (the test set spoken by en-us and en-us+f3), so on these the test
  // set no longer measures cleanly.
  it('adds nothing named after "for the" (regression: "for the team" heard "for the tea" added an iced tea)', () => {
    const lines = (result: { cart: Cart }) => result.cart.lines.map((line) => [line.itemId, line.quantity]);
    expect(lines(converse('let me have eight hamburgers for the tea too'))).toEqual([['hamburger', 8]]);
    expect(lines(converse('a hamburger', 'can I have ketchup for the fries'))).toEqual([['hamburger', 1]]);
    // A swap names both items.
    expect(lines(converse('two fries', 'swap the fries for the onion rings'))).toEqual([['onion_rings', 2]]);
  });

  it('confirms "that\'s all thank", as the recognizer hears "that\'s all thanks"', () => {
    expect(converse('a coke', "that's all thank").cart.confirmed).toBe(true);
  });

  it('takes the common mishearings of short commands as meant', () => {
    expect(converse('two cookies and a coke', 'start over the').cart.lines).toEqual([]);
    expect(converse('two cookies and a coke', 'know cookies').cart.lines.map((line) => line.itemId)).toEqual(['coke']);
  });

  it('answers something it cannot match with help, not silence', () => {
    const reply = new MenuAgent().reply({ transcript: 'the game was great last night', functionOutputs: [] });
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

describe('the order the session instructions state', () => {
  const twoCheeseburgersAndACoke = [{ item_id: 'cheeseburger', quantity: 2 }, { item_id: 'coke', quantity: 1, size: 'large' }].reduce(
    (cart, args) => applyToolCall(cart, 'add_item', JSON.stringify(args)).cart,
    EMPTY_CART,
  );

  it('is taken up by an agent that starts mid-order, as after a renewal', () => {
    const agent = new MenuAgent();
    agent.instructionsChanged(`Take orders.\n\n${orderStatement(twoCheeseburgersAndACoke)}\nMost recently:\nCustomer: a large coke`);
    expect(agent.reply({ transcript: 'remove the coke', functionOutputs: [] }).functionCalls).toEqual([{ name: 'remove_item', arguments: { item_id: 'coke' } }]);
  });

  it('replaces the last customer\'s order and what "one more" meant when it says the order is empty (start over)', () => {
    const agent = new MenuAgent();
    const first = agent.reply({ transcript: 'two cheeseburgers', functionOutputs: [] });
    const output = applyToolCall(EMPTY_CART, 'add_item', JSON.stringify(first.functionCalls[0]!.arguments)).output;
    agent.reply({ transcript: null, functionOutputs: [{ callId: 'a', output }] });
    expect(agent.reply({ transcript: 'one more', functionOutputs: [] }).functionCalls).toHaveLength(1);
    agent.instructionsChanged(`Take orders.\n\n${orderStatement(EMPTY_CART)}`);
    const next = agent.reply({ transcript: 'one more', functionOutputs: [] });
    expect(next.functionCalls).toEqual([]);
    expect(agent.reply({ transcript: 'remove the cheeseburgers', functionOutputs: [] }).functionCalls).toEqual([]);
  });

  it('changes nothing when the instructions hold no order, or a malformed one', () => {
    const agent = new MenuAgent();
    agent.instructionsChanged(orderStatement(twoCheeseburgersAndACoke));
    agent.instructionsChanged('Take orders.');
    agent.instructionsChanged(`${ORDER_REPORT_LEAD}{"lines":[{"item_id":7}]}`);
    agent.instructionsChanged(`${ORDER_REPORT_LEAD}{not json`);
    expect(agent.reply({ transcript: 'remove the coke', functionOutputs: [] }).functionCalls).toEqual([{ name: 'remove_item', arguments: { item_id: 'coke' } }]);
  });
});

describe('food the kiosk does not sell, and talk around a menu word', () => {
  it('adds nothing for an off-menu food beside a menu word (regression: "a cheese pizza" heard as "cheeseburger pizza" added a cheeseburger)', () => {
    const { cart, reply } = converse('a cheeseburger pizza please');
    expect(cart.lines).toEqual([]);
    expect(reply).toMatch(/^Sorry, we don't have pizza\. We have /);
  });

  it('adds the menu item of an order that also asks for an off-menu food, and says what it lacks', () => {
    const { cart, reply } = converse('two hamburgers and a hot dog');
    expect(cart.lines.map((line) => [line.itemId, line.quantity])).toEqual([['hamburger', 2]]);
    expect(reply).toContain("Sorry, we don't have hot dog.");
  });

  it('takes nothing from a menu word followed by a possessive phrase (regression: "call my mom" heard as "cola my mom" added a coke)', () => {
    expect(converse('cola my mom').cart.lines).toEqual([]);
    expect(converse('sprite my sister').cart.lines).toEqual([]);
  });

  it('still takes an order that is for someone, or goes on the order', () => {
    expect(converse('a sundae for my son').cart.lines.map((line) => line.itemId)).toEqual(['sundae']);
    expect(converse('add a coke to my order').cart.lines.map((line) => line.itemId)).toEqual(['coke']);
  });

  it('takes nothing from a menu word beside a verb of some other doing (regression: "is it going to rain" heard as "it it going the rings" added onion rings)', () => {
    for (const heard of ['it it going the rings', 'going the rings', "it's raining a coke", 'is he coming the fries']) {
      expect(converse(heard).cart.lines, heard).toEqual([]);
    }
  });

  it('takes nothing from a menu word in a clause that tells what happened or is negated (regression: the fortunes adversary, "it smelled like coffee" added a coffee)', () => {
    for (const heard of ['it smelled like coffee', 'we changed coke again', 'do not shake', "i didn't get my fries", "she doesn't like the fries"]) {
      expect(converse(heard).cart.lines, heard).toEqual([]);
    }
  });

  it('keeps an item the customer says not to forget (regression: "don\'t forget the fries" removed the fries)', () => {
    const { cart } = converse('two fries', "don't forget the fries");
    expect(cart.lines.map((line) => [line.itemId, line.quantity])).toEqual([['fries', 2]]);
    expect(converse('two fries', 'forget the fries').cart.lines).toEqual([]);
  });

  it('still takes food made so and the past forms of ordering', () => {
    for (const said of ['a grilled chicken sandwich', 'i wanted a coke', 'i need a coke', 'a hundred cookies']) {
      expect(converse(said).cart.lines.length, said).toBe(1);
    }
  });

  it('takes an order said with "going to" or another "-ing" form of ordering (regression: "I am going to have a coke" was refused)', () => {
    for (const said of ['i am going to have a coke', "we're going to get a coke", "i'm getting a coke", "i'm thinking a coke", 'a coke for the meeting', 'bring me a coke']) {
      expect(converse(said).cart.lines.map((line) => line.itemId), said).toEqual(['coke']);
    }
  });
});
