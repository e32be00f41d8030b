/**
 * The development phrase set: what the parser and the corpus generator are tuned on.
 * It holds the phrasings that failed before the parser existed (removals, corrections,
 * numbers above ten, "another …"), the old benchmark's orders, and everyday variants.
 */

import type { ExpectedLine, PhraseSet, PhraseStep } from './phraseSet.ts';

function offTopic(cart: ExpectedLine[], ...says: string[]): PhraseStep[] {
  return says.map((say) => ({ say, cart, outOfScope: true }));
}

export const DEV_SET: PhraseSet = {
  name: 'dev',
  scripts: [
    [
      { say: "I'd like two cheeseburgers and a large coke", cart: [['cheeseburger', null, 2], ['coke', 'large', 1]] },
      { say: 'remove the coke', cart: [['cheeseburger', null, 2]] },
      { say: 'make that three cheeseburgers', cart: [['cheeseburger', null, 3]] },
    ],
    [
      { say: 'can I get a chocolate milkshake and two fries', cart: [['milkshake', 'medium', 1, ['chocolate']], ['fries', 'medium', 2]] },
      { say: 'change the fries to three', cart: [['milkshake', 'medium', 1, ['chocolate']], ['fries', 'medium', 3]] },
      { say: 'take off the fries', cart: [['milkshake', 'medium', 1, ['chocolate']]] },
    ],
    [
      { say: 'gimme a chicken sandwich and some fries', cart: [['chicken_sandwich', null, 1], ['fries', 'medium', 1]] },
      { say: "I don't want the fries anymore", cart: [['chicken_sandwich', null, 1]] },
      { say: 'another chicken sandwich', cart: [['chicken_sandwich', null, 2]] },
      { say: 'remove one chicken sandwich', cart: [['chicken_sandwich', null, 1]] },
    ],
    [
      { say: 'a cheeseburger, no wait, a hamburger', cart: [['hamburger', null, 1]] },
      { say: 'two shakes, actually make that three', cart: [['hamburger', null, 1], ['milkshake', 'medium', 3]] },
      { say: 'scratch the shakes', cart: [['hamburger', null, 1]] },
    ],
    [
      { say: 'two orders of onion rings', cart: [['onion_rings', null, 2]] },
      { say: 'actually make that one', cart: [['onion_rings', null, 1]] },
      { say: 'get rid of the onion rings', cart: [] },
      { say: 'sixteen cookies', cart: [['cookie', null, 16]] },
      { say: 'change the cookies to nineteen', cart: [['cookie', null, 19]] },
    ],
    [
      { say: 'a large coke', cart: [['coke', 'large', 1]] },
      { say: 'another coke', cart: [['coke', 'large', 2]] },
      { say: 'make it a small', cart: [['coke', 'small', 2]] },
      { say: "that's it", cart: [['coke', 'small', 2]], confirmed: true },
    ],
    [
      { say: 'a cheeseburger with bacon no pickles please', cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']]] },
      { say: 'I want a veggie burger and an iced tea', cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']], ['veggie_burger', null, 1], ['iced_tea', 'medium', 1]] },
      { say: 'replace the iced tea with a lemonade', cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']], ['veggie_burger', null, 1], ['lemonade', 'medium', 1]] },
    ],
    [
      { say: 'an order of onion rings and a small sprite', cart: [['onion_rings', null, 1], ['sprite', 'small', 1]] },
      { say: 'three hamburgers and two large lemonades', cart: [['onion_rings', null, 1], ['sprite', 'small', 1], ['hamburger', null, 3], ['lemonade', 'large', 2]] },
      { say: 'clear the order', cart: [] },
    ],
    [
      { say: 'give me a chicken sandwich and a coffee', cart: [['chicken_sandwich', null, 1], ['coffee', null, 1]] },
      { say: 'two apple pies and a sundae', cart: [['chicken_sandwich', null, 1], ['coffee', null, 1], ['apple_pie', null, 2], ['sundae', null, 1]] },
      { say: 'how much is a cheeseburger', cart: [['chicken_sandwich', null, 1], ['coffee', null, 1], ['apple_pie', null, 2], ['sundae', null, 1]], reply: '$5.99' },
      { say: 'what is in the chicken sandwich', cart: [['chicken_sandwich', null, 1], ['coffee', null, 1], ['apple_pie', null, 2], ['sundae', null, 1]], reply: 'crispy' },
    ],
    [
      { say: "I'll have a small vanilla milkshake", cart: [['milkshake', 'small', 1, ['vanilla']]] },
      { say: 'four nuggets and a bottled water', cart: [['milkshake', 'small', 1, ['vanilla']], ['nuggets', null, 4], ['water', null, 1]] },
      { say: 'what do you have that is vegetarian', cart: [['milkshake', 'small', 1, ['vanilla']], ['nuggets', null, 4], ['water', null, 1]], reply: 'veggie' },
      { say: 'can I pay with a card', cart: [['milkshake', 'small', 1, ['vanilla']], ['nuggets', null, 4], ['water', null, 1]], reply: 'card' },
    ],
    [
      { say: 'a garden salad and a large iced tea', cart: [['salad', null, 1], ['iced_tea', 'large', 1]] },
      { say: 'two cookies please', cart: [['salad', null, 1], ['iced_tea', 'large', 1], ['cookie', null, 2]] },
      { say: 'no cookies', cart: [['salad', null, 1], ['iced_tea', 'large', 1]] },
      { say: 'what is good here', cart: [['salad', null, 1], ['iced_tea', 'large', 1]] },
    ],
    [
      { say: 'a hamburger with extra cheese and a medium sprite', cart: [['hamburger', null, 1, ['extra_cheese']], ['sprite', 'medium', 1]] },
      { say: 'can I have a large fries and a cola', cart: [['hamburger', null, 1, ['extra_cheese']], ['sprite', 'medium', 1], ['fries', 'large', 1], ['coke', 'medium', 1]] },
      { say: 'is the hamburger spicy', cart: [['hamburger', null, 1, ['extra_cheese']], ['sprite', 'medium', 1], ['fries', 'large', 1], ['coke', 'medium', 1]] },
    ],
    [
      { say: 'five hamburgers and three sprites', cart: [['hamburger', null, 5], ['sprite', 'medium', 3]] },
      { say: 'take two hamburgers off', cart: [['hamburger', null, 3], ['sprite', 'medium', 3]] },
      { say: 'I meant four sprites', cart: [['hamburger', null, 3], ['sprite', 'medium', 4]] },
    ],
    [
      { say: "I'd like a large chocolate milkshake and an apple pie", cart: [['milkshake', 'large', 1, ['chocolate']], ['apple_pie', null, 1]] },
      { say: 'hold on, cancel the apple pie', cart: [['milkshake', 'large', 1, ['chocolate']]] },
    ],
    [
      { say: 'two cheeseburgers', cart: [['cheeseburger', null, 2]] },
      { say: 'start over', cart: [] },
      { say: 'hi', cart: [] },
    ],
    [
      { say: 'a coke', cart: [['coke', 'medium', 1]] },
      { say: "that's all", cart: [['coke', 'medium', 1]], confirmed: true },
    ],
    [
      { say: 'I would like a burger', cart: [], reply: 'which' },
      { say: 'the veggie burger', cart: [['veggie_burger', null, 1]] },
      { say: 'a coke and a sprite', cart: [['veggie_burger', null, 1], ['coke', 'medium', 1], ['sprite', 'medium', 1]] },
      { say: 'make it two', cart: [['veggie_burger', null, 1], ['coke', 'medium', 1], ['sprite', 'medium', 1]], reply: 'which' },
    ],
    [
      { say: 'can I get a sundae, a coffee', cart: [['sundae', null, 1], ['coffee', null, 1]] },
      { say: 'and a shake, strawberry, small', cart: [['sundae', null, 1], ['coffee', null, 1], ['milkshake', 'small', 1, ['strawberry']]] },
      { say: "please confirm the order", cart: [['sundae', null, 1], ['coffee', null, 1], ['milkshake', 'small', 1, ['strawberry']]], confirmed: true },
    ],
    [
      { say: 'a burger with bacon', cart: [], reply: 'which' },
      ...offTopic([], 'what a day', 'sure', 'nice', 'excuse me'),
      { say: 'a cheeseburger please', cart: [['cheeseburger', null, 1]] },
      ...offTopic(
        [['cheeseburger', null, 1]],
        'how is your day going',
        'I need to ask my wife',
        'can I get a pizza',
        'we are waiting for a table',
        'oh no',
        'fine',
        'hmm',
        'one second',
        'is this thing working',
        'that sounds nice',
      ),
      { say: '(cough)', sound: 'cough', cart: [['cheeseburger', null, 1]], outOfScope: true },
    ],
    [
      { say: 'two hamburgers', cart: [['hamburger', null, 2]] },
      ...offTopic(
        [['hamburger', null, 2]],
        'a pepperoni pizza',
        'two chicken tacos',
        'a coffee cake please',
        'call my dad',
        'text my sister',
        'where did I put my keys',
        'I left my wallet in the car',
        'a glass of wine',
      ),
      { say: 'and a cheeseburger and a hot dog', cart: [['hamburger', null, 2], ['cheeseburger', null, 1]], reply: "don't have hot dog" },
    ],
    [
      { say: 'um can I get three coffees', cart: [['coffee', null, 3]] },
      { say: 'plus a sundae', cart: [['coffee', null, 3], ['sundae', null, 1]] },
      { say: 'make that two sundaes', cart: [['coffee', null, 3], ['sundae', null, 2]] },
      { say: 'begin again', cart: [] },
    ],
    [
      { say: 'a medium lemonade and a chicken sandwich', cart: [['lemonade', 'medium', 1], ['chicken_sandwich', null, 1]] },
      { say: 'add onion rings', cart: [['lemonade', 'medium', 1], ['chicken_sandwich', null, 1], ['onion_rings', null, 1]] },
      { say: 'remove the lemonade', cart: [['chicken_sandwich', null, 1], ['onion_rings', null, 1]] },
      { say: "that's my order", cart: [['chicken_sandwich', null, 1], ['onion_rings', null, 1]], confirmed: true },
    ],
    [
      { say: 'seven chicken nuggets', cart: [['nuggets', null, 7]] },
      { say: 'twelve cookies', cart: [['nuggets', null, 7], ['cookie', null, 12]] },
      { say: 'change the cookies to ten', cart: [['nuggets', null, 7], ['cookie', null, 10]] },
      { say: 'do you take cash', cart: [['nuggets', null, 7], ['cookie', null, 10]], reply: 'cash' },
    ],
    [
      { say: "I'd like a strawberry shake, large", cart: [['milkshake', 'large', 1, ['strawberry']]] },
      { say: 'and a veggie burger with no onions', cart: [['milkshake', 'large', 1, ['strawberry']], ['veggie_burger', null, 1, ['no_onions']]] },
      { say: "I'm all set", cart: [['milkshake', 'large', 1, ['strawberry']], ['veggie_burger', null, 1, ['no_onions']]], confirmed: true },
    ],
    [
      { say: 'two small fries and a large sprite', cart: [['fries', 'small', 2], ['sprite', 'large', 1]] },
      { say: 'get rid of the sprite', cart: [['fries', 'small', 2]] },
      { say: 'a cheeseburger with extra cheese', cart: [['fries', 'small', 2], ['cheeseburger', null, 1, ['extra_cheese']]] },
      { say: 'nothing else', cart: [['fries', 'small', 2], ['cheeseburger', null, 1, ['extra_cheese']]], confirmed: true },
    ],
    [
      { say: 'a hamburger', cart: [['hamburger', null, 1]] },
      ...offTopic(
        [['hamburger', null, 1]],
        'over here',
        'let me see',
        'give me a minute',
        'what was that',
        'my phone is dead',
        'look at that dog',
        'the line is long today',
        'I love this song',
        'turn it up',
        'come here sweetie',
        'are you a robot',
        'good job',
        'not now',
        'this is taking forever',
        'I forgot my glasses',
      ),
      { say: 'and two iced teas', cart: [['hamburger', null, 1], ['iced_tea', 'medium', 2]] },
    ],
  ],
};
