/**
 * The speech benchmark's phrases, in scripts: a script starts a fresh conversation and
 * each phrase in it says what the cart must hold afterwards ([item, size, quantity,
 * modifiers]).
 */

export type ExpectedLine = [itemId: string, size: string | null, quantity: number, modifiers?: string[]];

export interface BenchPhrase {
  say: string;
  cart: ExpectedLine[];
  confirmed?: boolean;
}

export const BENCH_SCRIPTS: BenchPhrase[][] = [
  [
    { say: "I'd like two cheeseburgers and a large coke", cart: [['cheeseburger', null, 2], ['coke', 'large', 1]] },
    { say: 'remove the coke', cart: [['cheeseburger', null, 2]] },
    { say: 'make that three cheeseburgers', cart: [['cheeseburger', null, 3]] },
  ],
  [
    { say: 'can I get a chocolate milkshake and two fries', cart: [['milkshake', 'medium', 1, ['chocolate']], ['fries', 'medium', 2]] },
    { say: 'change the fries to three', cart: [['milkshake', 'medium', 1, ['chocolate']], ['fries', 'medium', 3]] },
  ],
  [{ say: 'a cheeseburger with bacon no pickles please', cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']]] }],
  [{ say: 'I want a veggie burger and an iced tea', cart: [['veggie_burger', null, 1], ['iced_tea', 'medium', 1]] }],
  [{ say: 'an order of onion rings and a small sprite', cart: [['onion_rings', null, 1], ['sprite', 'small', 1]] }],
  [{ say: 'three hamburgers and two large lemonades', cart: [['hamburger', null, 3], ['lemonade', 'large', 2]] }],
  [{ say: 'give me a chicken sandwich and a coffee', cart: [['chicken_sandwich', null, 1], ['coffee', null, 1]] }],
  [{ say: 'two apple pies and a sundae', cart: [['apple_pie', null, 2], ['sundae', null, 1]] }],
  [{ say: "I'll have a small vanilla milkshake", cart: [['milkshake', 'small', 1, ['vanilla']]] }],
  [{ say: 'four nuggets and a bottled water', cart: [['nuggets', null, 4], ['water', null, 1]] }],
  [{ say: 'a garden salad and a large iced tea', cart: [['salad', null, 1], ['iced_tea', 'large', 1]] }],
  [{ say: 'two cookies please', cart: [['cookie', null, 2]] }],
  [{ say: 'a hamburger with extra cheese and a medium sprite', cart: [['hamburger', null, 1, ['extra_cheese']], ['sprite', 'medium', 1]] }],
  [{ say: 'can I have a large fries and a cola', cart: [['fries', 'large', 1], ['coke', 'medium', 1]] }],
  [{ say: 'five hamburgers and three sprites', cart: [['hamburger', null, 5], ['sprite', 'medium', 3]] }],
  [{ say: "I'd like a large chocolate milkshake and an apple pie", cart: [['milkshake', 'large', 1, ['chocolate']], ['apple_pie', null, 1]] }],
  [
    { say: 'two cheeseburgers', cart: [['cheeseburger', null, 2]] },
    { say: 'start over', cart: [] },
  ],
  [
    { say: 'a coke', cart: [['coke', 'medium', 1]] },
    { say: "that's all", cart: [['coke', 'medium', 1]], confirmed: true },
  ],
];

export const BENCH_VOICES = [
  { voice: 'en-us', wordsPerMinute: 140 },
  { voice: 'en-us', wordsPerMinute: 175 },
  { voice: 'en-us+m3', wordsPerMinute: 140 },
  { voice: 'en-us+m3', wordsPerMinute: 175 },
];
