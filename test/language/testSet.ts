/**
 * The held-out language test set: orders worded the way customers word them, written
 * before the parser and the corpus generator, and never read by either (a unit test checks
 * that no phrase here appears verbatim in the generated corpus). Do not tune on it: tune
 * on devSet.ts, and measure here.
 */

import type { ExpectedLine, PhraseSet, PhraseStep } from './phraseSet.ts';

const burger1: ExpectedLine = ['cheeseburger', null, 1];

function offTopic(cart: ExpectedLine[], ...says: string[]): PhraseStep[] {
  return says.map((say) => ({ say, cart, outOfScope: true }));
}

export const TEST_SET: PhraseSet = {
  name: 'test',
  scripts: [
    [
      { say: 'hello', cart: [] },
      { say: 'can I get a cheeseburger and some fries', cart: [burger1, ['fries', 'medium', 1]] },
      { say: 'oh and a large coke', cart: [burger1, ['fries', 'medium', 1], ['coke', 'large', 1]] },
      { say: "that's it for me", cart: [burger1, ['fries', 'medium', 1], ['coke', 'large', 1]], confirmed: true },
    ],
    [
      { say: "I'll take two chicken sandwiches", cart: [['chicken_sandwich', null, 2]] },
      { say: 'and three orders of onion rings', cart: [['chicken_sandwich', null, 2], ['onion_rings', null, 3]] },
      { say: 'actually just two onion rings', cart: [['chicken_sandwich', null, 2], ['onion_rings', null, 2]] },
      { say: 'how much is that altogether', cart: [['chicken_sandwich', null, 2], ['onion_rings', null, 2]], reply: '$20.96' },
      { say: "great, that's all", cart: [['chicken_sandwich', null, 2], ['onion_rings', null, 2]], confirmed: true },
    ],
    [
      { say: 'um let me get a veggie burger with no onions', cart: [['veggie_burger', null, 1, ['no_onions']]] },
      { say: 'is the veggie burger vegan', cart: [['veggie_burger', null, 1, ['no_onions']]], reply: 'bean' },
      { say: 'okay and a lemonade please', cart: [['veggie_burger', null, 1, ['no_onions']], ['lemonade', 'medium', 1]] },
    ],
    [
      { say: 'gimme four cheeseburgers', cart: [['cheeseburger', null, 4]] },
      { say: 'no wait, make that five', cart: [['cheeseburger', null, 5]] },
      { say: 'and five cokes', cart: [['cheeseburger', null, 5], ['coke', 'medium', 5]] },
      { say: 'take away one of the cokes', cart: [['cheeseburger', null, 5], ['coke', 'medium', 4]] },
      { say: "yes that's my order", cart: [['cheeseburger', null, 5], ['coke', 'medium', 4]], confirmed: true },
    ],
    [
      { say: 'what do you recommend', cart: [] },
      { say: "alright I'll try the chicken nuggets", cart: [['nuggets', null, 1]] },
      { say: 'and a small sprite', cart: [['nuggets', null, 1], ['sprite', 'small', 1]] },
      { say: 'how many pieces are in the nuggets', cart: [['nuggets', null, 1], ['sprite', 'small', 1]], reply: 'six' },
      { say: 'cool, can you add another order of nuggets', cart: [['nuggets', null, 2], ['sprite', 'small', 1]] },
    ],
    [
      { say: 'a hamburger with bacon and extra cheese', cart: [['hamburger', null, 1, ['bacon', 'extra_cheese']]] },
      { say: 'scratch that', cart: [] },
      { say: 'just a plain hamburger', cart: [['hamburger', null, 1]] },
      { say: 'and a chocolate shake', cart: [['hamburger', null, 1], ['milkshake', 'medium', 1, ['chocolate']]] },
      { say: "I'm done", cart: [['hamburger', null, 1], ['milkshake', 'medium', 1, ['chocolate']]], confirmed: true },
    ],
    [
      { say: 'could I please have ten cookies', cart: [['cookie', null, 10]] },
      { say: 'sorry, I meant twelve cookies', cart: [['cookie', null, 12]] },
      { say: 'and a coffee', cart: [['cookie', null, 12], ['coffee', null, 1]] },
      { say: 'do you take apple pay', cart: [['cookie', null, 12], ['coffee', null, 1]] },
      { say: "okay that'll be all", cart: [['cookie', null, 12], ['coffee', null, 1]], confirmed: true },
    ],
    [
      { say: 'two cheeseburgers, two fries and two cokes', cart: [['cheeseburger', null, 2], ['fries', 'medium', 2], ['coke', 'medium', 2]] },
      { say: 'make the fries large', cart: [['cheeseburger', null, 2], ['fries', 'large', 2], ['coke', 'medium', 2]] },
      { say: 'remove one cheeseburger', cart: [['cheeseburger', null, 1], ['fries', 'large', 2], ['coke', 'medium', 2]] },
      { say: 'can I pay with cash', cart: [['cheeseburger', null, 1], ['fries', 'large', 2], ['coke', 'medium', 2]] },
      { say: "that's everything", cart: [['cheeseburger', null, 1], ['fries', 'large', 2], ['coke', 'medium', 2]], confirmed: true },
    ],
    [
      { say: 'I want a strawberry milkshake, large', cart: [['milkshake', 'large', 1, ['strawberry']]] },
      { say: 'and an apple pie', cart: [['milkshake', 'large', 1, ['strawberry']], ['apple_pie', null, 1]] },
      { say: 'does the apple pie have nuts', cart: [['milkshake', 'large', 1, ['strawberry']], ['apple_pie', null, 1]] },
      { say: 'never mind the pie', cart: [['milkshake', 'large', 1, ['strawberry']]] },
    ],
    [
      { say: 'can I get a sprite and a garden salad', cart: [['sprite', 'medium', 1], ['salad', null, 1]] },
      { say: "what's in the salad", cart: [['sprite', 'medium', 1], ['salad', null, 1]], reply: 'cucumber' },
      { say: 'one more salad please', cart: [['sprite', 'medium', 1], ['salad', null, 2]] },
      { say: 'how much is a sundae', cart: [['sprite', 'medium', 1], ['salad', null, 2]], reply: '$3.49' },
      { say: "I'll take one sundae then", cart: [['sprite', 'medium', 1], ['salad', null, 2], ['sundae', null, 1]] },
    ],
    [
      { say: 'three large fries and three medium cokes', cart: [['fries', 'large', 3], ['coke', 'medium', 3]] },
      { say: 'actually, no cokes', cart: [['fries', 'large', 3]] },
      { say: 'give me three iced teas instead', cart: [['fries', 'large', 3], ['iced_tea', 'medium', 3]] },
      { say: 'confirm my order please', cart: [['fries', 'large', 3], ['iced_tea', 'medium', 3]], confirmed: true },
    ],
    [
      { say: 'yeah hi, a cheeseburger with no pickles please', cart: [['cheeseburger', null, 1, ['no_pickles']]] },
      { say: 'and one with bacon', cart: [['cheeseburger', null, 1, ['no_pickles']], ['cheeseburger', null, 1, ['bacon']]] },
      { say: 'and two waters', cart: [['cheeseburger', null, 1, ['no_pickles']], ['cheeseburger', null, 1, ['bacon']], ['water', null, 2]] },
      { say: 'start over please', cart: [] },
      { say: 'just a coffee', cart: [['coffee', null, 1]] },
      { say: "that's all thanks", cart: [['coffee', null, 1]], confirmed: true },
    ],
    [
      { say: 'two chicken nuggets', cart: [['nuggets', null, 2]] },
      { say: 'and a large vanilla shake', cart: [['nuggets', null, 2], ['milkshake', 'large', 1, ['vanilla']]] },
      { say: 'how much is the shake', cart: [['nuggets', null, 2], ['milkshake', 'large', 1, ['vanilla']]], reply: '$' },
      { say: 'okay cancel the shake', cart: [['nuggets', null, 2]] },
      { say: "yes that's it", cart: [['nuggets', null, 2]], confirmed: true },
    ],
    [
      { say: 'let me have eight hamburgers for the team', cart: [['hamburger', null, 8]] },
      { say: 'and eight cokes', cart: [['hamburger', null, 8], ['coke', 'medium', 8]] },
      { say: 'make that seven cokes', cart: [['hamburger', null, 8], ['coke', 'medium', 7]] },
      { say: 'and one sprite', cart: [['hamburger', null, 8], ['coke', 'medium', 7], ['sprite', 'medium', 1]] },
      { say: 'fifteen cookies as well', cart: [['hamburger', null, 8], ['coke', 'medium', 7], ['sprite', 'medium', 1], ['cookie', null, 15]] },
      {
        say: "alright, that's everything",
        cart: [['hamburger', null, 8], ['coke', 'medium', 7], ['sprite', 'medium', 1], ['cookie', null, 15]],
        confirmed: true,
      },
    ],
    [
      { say: 'do you have anything vegetarian', cart: [], reply: 'veggie burger' },
      { say: 'okay the veggie burger then', cart: [['veggie_burger', null, 1]] },
      { say: 'and some onion rings', cart: [['veggie_burger', null, 1], ['onion_rings', null, 1]] },
      { say: "what's your cheapest drink", cart: [['veggie_burger', null, 1], ['onion_rings', null, 1]], reply: 'water' },
      { say: 'a bottle of water then', cart: [['veggie_burger', null, 1], ['onion_rings', null, 1], ['water', null, 1]] },
    ],
    [
      { say: 'twenty cokes', cart: [['coke', 'medium', 20]] },
      { say: 'oops, I meant two cokes', cart: [['coke', 'medium', 2]] },
      { say: 'and two small fries', cart: [['coke', 'medium', 2], ['fries', 'small', 2]] },
      { say: 'remove the fries', cart: [['coke', 'medium', 2]] },
      { say: "that's all", cart: [['coke', 'medium', 2]], confirmed: true },
    ],
    [
      { say: "I'd love a coffee and a cookie", cart: [['coffee', null, 1], ['cookie', null, 1]] },
      { say: 'is the coffee decaf', cart: [['coffee', null, 1], ['cookie', null, 1]] },
      { say: 'another coffee please', cart: [['coffee', null, 2], ['cookie', null, 1]] },
      { say: 'forget the cookie', cart: [['coffee', null, 2]] },
      { say: "we're all set", cart: [['coffee', null, 2]], confirmed: true },
    ],
    [
      { say: 'a medium lemonade and a medium fries please', cart: [['lemonade', 'medium', 1], ['fries', 'medium', 1]] },
      { say: 'could you make the lemonade a large', cart: [['lemonade', 'large', 1], ['fries', 'medium', 1]] },
      { say: 'what sizes do the fries come in', cart: [['lemonade', 'large', 1], ['fries', 'medium', 1]], reply: 'small' },
      { say: "okay that's it", cart: [['lemonade', 'large', 1], ['fries', 'medium', 1]], confirmed: true },
    ],
    [
      { say: 'what kind of shakes do you have', cart: [], reply: 'strawberry' },
      {
        say: 'one chocolate and one strawberry shake please',
        cart: [['milkshake', 'medium', 1, ['chocolate']], ['milkshake', 'medium', 1, ['strawberry']]],
      },
      {
        say: 'and a sundae',
        cart: [['milkshake', 'medium', 1, ['chocolate']], ['milkshake', 'medium', 1, ['strawberry']], ['sundae', null, 1]],
      },
      {
        say: "that's all I need",
        cart: [['milkshake', 'medium', 1, ['chocolate']], ['milkshake', 'medium', 1, ['strawberry']], ['sundae', null, 1]],
        confirmed: true,
      },
    ],
    [
      { say: 'three hamburgers please', cart: [['hamburger', null, 3]] },
      { say: 'one more', cart: [['hamburger', null, 4]] },
      { say: 'and a large iced tea', cart: [['hamburger', null, 4], ['iced_tea', 'large', 1]] },
      { say: 'remove the iced tea and add a large lemonade', cart: [['hamburger', null, 4], ['lemonade', 'large', 1]] },
      { say: "great thanks, that's my order", cart: [['hamburger', null, 4], ['lemonade', 'large', 1]], confirmed: true },
    ],
    [
      { say: 'can I get a burger', cart: [], reply: 'which' },
      { say: 'a cheeseburger', cart: [burger1] },
      { say: 'make it two', cart: [['cheeseburger', null, 2]] },
      { say: 'and a shake', cart: [['cheeseburger', null, 2], ['milkshake', 'medium', 1]] },
      { say: "that's all", cart: [['cheeseburger', null, 2], ['milkshake', 'medium', 1]], confirmed: true },
    ],
    [
      { say: 'eleven apple pies', cart: [['apple_pie', null, 11]] },
      { say: 'actually make that nine', cart: [['apple_pie', null, 9]] },
      { say: 'and nine coffees', cart: [['apple_pie', null, 9], ['coffee', null, 9]] },
      { say: 'take off two coffees', cart: [['apple_pie', null, 9], ['coffee', null, 7]] },
      { say: "thank you, that's it", cart: [['apple_pie', null, 9], ['coffee', null, 7]], confirmed: true },
    ],
    [
      { say: "I'd like a chicken sandwich with bacon and a water", cart: [['chicken_sandwich', null, 1, ['bacon']], ['water', null, 1]] },
      { say: 'is the chicken sandwich spicy', cart: [['chicken_sandwich', null, 1, ['bacon']], ['water', null, 1]], reply: 'crispy' },
      { say: 'and fries, large', cart: [['chicken_sandwich', null, 1, ['bacon']], ['water', null, 1], ['fries', 'large', 1]] },
      { say: 'can I pay by card here', cart: [['chicken_sandwich', null, 1, ['bacon']], ['water', null, 1], ['fries', 'large', 1]], reply: 'card' },
      {
        say: "ok I'm finished",
        cart: [['chicken_sandwich', null, 1, ['bacon']], ['water', null, 1], ['fries', 'large', 1]],
        confirmed: true,
      },
    ],
    [
      { say: 'good morning, two iced teas and two cookies please', cart: [['iced_tea', 'medium', 2], ['cookie', null, 2]] },
      { say: 'swap the cookies for apple pies', cart: [['iced_tea', 'medium', 2], ['apple_pie', null, 2]] },
      { say: "perfect, that's all", cart: [['iced_tea', 'medium', 2], ['apple_pie', null, 2]], confirmed: true },
    ],
    [
      { say: 'seventeen cheeseburgers', cart: [['cheeseburger', null, 17]] },
      { say: 'and thirteen fries', cart: [['cheeseburger', null, 17], ['fries', 'medium', 13]] },
      { say: 'sorry, fourteen fries', cart: [['cheeseburger', null, 17], ['fries', 'medium', 14]] },
      { say: 'start again', cart: [] },
      { say: 'just one cheeseburger', cart: [burger1] },
    ],
    [
      { say: 'a cheeseburger please', cart: [burger1] },
      ...offTopic(
        [burger1],
        'hmm let me think',
        'honey what do you want',
        "I don't know yet",
        'okay',
        'yeah',
        'that looks good',
        'where are the restrooms',
        'one two three testing',
      ),
    ],
    [
      { say: 'two fries', cart: [['fries', 'medium', 2]] },
      ...offTopic(
        [['fries', 'medium', 2]],
        "what's the weather like today",
        'hang on my phone is ringing',
        'sorry I was talking to my friend',
        "I'd like a hot dog",
        'a cheese pizza please',
        'can I get a beer',
        'uh',
        'thanks',
      ),
    ],
    [
      { say: 'a large sprite', cart: [['sprite', 'large', 1]] },
      ...offTopic(
        [['sprite', 'large', 1]],
        'no',
        'good',
        "wow that's a lot of options",
        "I'm so hungry",
        'is it going to rain',
        'the music is loud in here',
        'play some music',
        'call my mom',
      ),
    ],
    [
      { say: 'an apple pie', cart: [['apple_pie', null, 1]] },
      ...offTopic(
        [['apple_pie', null, 1]],
        "it's fine",
        'all right then',
        'can you tell me a joke',
        'is there parking nearby',
        'what time do you close',
        'my kids are over there',
        'do you sell pizza',
        'the game was great last night',
      ),
      { say: '(cough)', sound: 'cough', cart: [['apple_pie', null, 1]], outOfScope: true },
      { say: '(noise)', sound: 'noise', cart: [['apple_pie', null, 1]], outOfScope: true },
    ],
  ],
};
