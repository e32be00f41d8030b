/**
 * A second held-out phrase set, written from the menu and the PhraseSet shape alone, without
 * the parser, the corpus generator or the other phrase sets in view. Each script is a fresh
 * order; each step gives the whole cart expected after it.
 */
import type { ExpectedLine, PhraseSet } from './phraseSet.ts';

const none: ExpectedLine[] = [];

export const FRESH_SET: PhraseSet = {
  name: 'fresh',
  scripts: [
    // 1
    [
      { say: 'hi um can I get a cheeseburger and a large fries', cart: [['cheeseburger', null, 1], ['fries', 'large', 1]] },
      { say: 'and a medium coke please', cart: [['cheeseburger', null, 1], ['fries', 'large', 1], ['coke', 'medium', 1]] },
      { say: "hang on, my mom's calling", outOfScope: true, cart: [['cheeseburger', null, 1], ['fries', 'large', 1], ['coke', 'medium', 1]] },
      { say: 'okay, where was I, make it two cheeseburgers', cart: [['cheeseburger', null, 2], ['fries', 'large', 1], ['coke', 'medium', 1]] },
      { say: "that's everything", confirmed: true, cart: [['cheeseburger', null, 2], ['fries', 'large', 1], ['coke', 'medium', 1]] },
    ],
    // 2
    [
      { say: 'lemme get three hamburgers with no onions', cart: [['hamburger', null, 3, ['no_onions']]] },
      { say: 'what do you want Jake', outOfScope: true, cart: [['hamburger', null, 3, ['no_onions']]] },
      { say: 'and uh a chocolate shake', cart: [['hamburger', null, 3, ['no_onions']], ['milkshake', 'medium', 1, ['chocolate']]] },
      { say: 'how much is a veggie burger', reply: '$6.49', cart: [['hamburger', null, 3, ['no_onions']], ['milkshake', 'medium', 1, ['chocolate']]] },
      { say: 'actually take one hamburger off', cart: [['hamburger', null, 2, ['no_onions']], ['milkshake', 'medium', 1, ['chocolate']]] },
      { say: "yep that's it", confirmed: true, cart: [['hamburger', null, 2, ['no_onions']], ['milkshake', 'medium', 1, ['chocolate']]] },
    ],
    // 3
    [
      { say: 'good afternoon', outOfScope: true, cart: none },
      { say: 'could I have a veggie burger with extra cheese', cart: [['veggie_burger', null, 1, ['extra_cheese']]] },
      { say: 'and a small lemonade', cart: [['veggie_burger', null, 1, ['extra_cheese']], ['lemonade', 'small', 1]] },
      { say: 'is the veggie burger vegan', cart: [['veggie_burger', null, 1, ['extra_cheese']], ['lemonade', 'small', 1]] },
      { say: 'okay and an apple pie', cart: [['veggie_burger', null, 1, ['extra_cheese']], ['lemonade', 'small', 1], ['apple_pie', null, 1]] },
      { say: "I'm good", confirmed: true, cart: [['veggie_burger', null, 1, ['extra_cheese']], ['lemonade', 'small', 1], ['apple_pie', null, 1]] },
    ],
    // 4
    [
      { say: 'can I get a sprite, sorry, a lemonade', cart: [['lemonade', 'medium', 1]] },
      { say: 'and two cheeseburgers', cart: [['lemonade', 'medium', 1], ['cheeseburger', null, 2]] },
      { say: 'is it going to rain today', outOfScope: true, cart: [['lemonade', 'medium', 1], ['cheeseburger', null, 2]] },
      { say: 'no wait, just one cheeseburger', cart: [['lemonade', 'medium', 1], ['cheeseburger', null, 1]] },
      { say: 'and fries', cart: [['lemonade', 'medium', 1], ['cheeseburger', null, 1], ['fries', 'medium', 1]] },
      { say: "that's all", confirmed: true, cart: [['lemonade', 'medium', 1], ['cheeseburger', null, 1], ['fries', 'medium', 1]] },
    ],
    // 5
    [
      { say: 'gimme four cokes and four fries', cart: [['coke', 'medium', 4], ['fries', 'medium', 4]] },
      { say: 'uh', outOfScope: true, cart: [['coke', 'medium', 4], ['fries', 'medium', 4]] },
      { say: "let's start over", cart: none },
      { say: 'okay just one large iced tea', cart: [['iced_tea', 'large', 1]] },
      { say: 'and a cookie', cart: [['iced_tea', 'large', 1], ['cookie', null, 1]] },
      { say: "that'll be it", confirmed: true, cart: [['iced_tea', 'large', 1], ['cookie', null, 1]] },
    ],
    // 6
    [
      { say: "I'd like a chicken sandwich, onion rings and a sundae", cart: [['chicken_sandwich', null, 1], ['onion_rings', null, 1], ['sundae', null, 1]] },
      { say: "where's the bathroom", outOfScope: true, cart: [['chicken_sandwich', null, 1], ['onion_rings', null, 1], ['sundae', null, 1]] },
      { say: 'I changed my mind about the sundae', cart: [['chicken_sandwich', null, 1], ['onion_rings', null, 1]] },
      { say: 'add a strawberry milkshake instead', cart: [['chicken_sandwich', null, 1], ['onion_rings', null, 1], ['milkshake', 'medium', 1, ['strawberry']]] },
      { say: "what's on the chicken sandwich", reply: 'pickles', cart: [['chicken_sandwich', null, 1], ['onion_rings', null, 1], ['milkshake', 'medium', 1, ['strawberry']]] },
      { say: "okay that's everything", confirmed: true, cart: [['chicken_sandwich', null, 1], ['onion_rings', null, 1], ['milkshake', 'medium', 1, ['strawberry']]] },
    ],
    // 7
    [
      { say: 'so like two cokes and a hamburger', cart: [['coke', 'medium', 2], ['hamburger', null, 1]] },
      { say: 'make the cokes three', cart: [['coke', 'medium', 3], ['hamburger', null, 1]] },
      { say: 'hold on, one sec', outOfScope: true, cart: [['coke', 'medium', 3], ['hamburger', null, 1]] },
      { say: 'and an order of nuggets', cart: [['coke', 'medium', 3], ['hamburger', null, 1], ['nuggets', null, 1]] },
      { say: 'do you take apple pay', cart: [['coke', 'medium', 3], ['hamburger', null, 1], ['nuggets', null, 1]] },
      { say: "that's it thanks", confirmed: true, cart: [['coke', 'medium', 3], ['hamburger', null, 1], ['nuggets', null, 1]] },
    ],
    // 8
    [
      { say: "hi there, how's your day going", outOfScope: true, cart: none },
      { say: "um I'll have a large chocolate milkshake", cart: [['milkshake', 'large', 1, ['chocolate']]] },
      { say: 'and a small vanilla shake', cart: [['milkshake', 'large', 1, ['chocolate']], ['milkshake', 'small', 1, ['vanilla']]] },
      { say: 'what flavors do the shakes come in', reply: 'strawberry', cart: [['milkshake', 'large', 1, ['chocolate']], ['milkshake', 'small', 1, ['vanilla']]] },
      { say: 'and two cookies', cart: [['milkshake', 'large', 1, ['chocolate']], ['milkshake', 'small', 1, ['vanilla']], ['cookie', null, 2]] },
      { say: "that's it", confirmed: true, cart: [['milkshake', 'large', 1, ['chocolate']], ['milkshake', 'small', 1, ['vanilla']], ['cookie', null, 2]] },
    ],
    // 9
    [
      { say: 'what time do you close', outOfScope: true, cart: none },
      { say: "sorry, I'm just looking for a second", outOfScope: true, cart: none },
      { say: 'okay can I have a garden salad', cart: [['salad', null, 1]] },
      { say: "what's in the salad", reply: 'cucumber', cart: [['salad', null, 1]] },
      { say: 'and a bottled water', cart: [['salad', null, 1], ['water', null, 1]] },
      { say: 'Jake, do you want anything?', outOfScope: true, cart: [['salad', null, 1], ['water', null, 1]] },
      { say: 'he says he is not hungry', outOfScope: true, cart: [['salad', null, 1], ['water', null, 1]] },
      { say: "alright that's all", confirmed: true, cart: [['salad', null, 1], ['water', null, 1]] },
    ],
    // 10
    [
      { say: 'could I get a cheeseburger with bacon and no pickles', cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']]] },
      { say: 'oh hey Mike, long time no see', outOfScope: true, cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']]] },
      { say: 'plus a medium fries and a medium sprite', cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']], ['fries', 'medium', 1], ['sprite', 'medium', 1]] },
      { say: 'actually make the fries large', cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']], ['fries', 'large', 1], ['sprite', 'medium', 1]] },
      { say: 'how much is a large fries', reply: '$3.49', cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']], ['fries', 'large', 1], ['sprite', 'medium', 1]] },
      { say: "sounds good, that's everything", confirmed: true, cart: [['cheeseburger', null, 1, ['bacon', 'no_pickles']], ['fries', 'large', 1], ['sprite', 'medium', 1]] },
    ],
    // 11
    [
      { say: "we're a big group, so fifteen cheeseburgers", cart: [['cheeseburger', null, 15]] },
      { say: 'and fifteen cokes', cart: [['cheeseburger', null, 15], ['coke', 'medium', 15]] },
      { say: 'hey kids, settle down', outOfScope: true, cart: [['cheeseburger', null, 15], ['coke', 'medium', 15]] },
      { say: 'actually make it fourteen cokes', cart: [['cheeseburger', null, 15], ['coke', 'medium', 14]] },
      { say: 'and ten orders of fries', cart: [['cheeseburger', null, 15], ['coke', 'medium', 14], ['fries', 'medium', 10]] },
      { say: "that's it for us", confirmed: true, cart: [['cheeseburger', null, 15], ['coke', 'medium', 14], ['fries', 'medium', 10]] },
    ],
    // 12
    [
      { say: 'I want three veggie burgers and two iced teas', cart: [['veggie_burger', null, 3], ['iced_tea', 'medium', 2]] },
      { say: 'take one veggie burger off', cart: [['veggie_burger', null, 2], ['iced_tea', 'medium', 2]] },
      { say: "it's freezing in here", outOfScope: true, cart: [['veggie_burger', null, 2], ['iced_tea', 'medium', 2]] },
      { say: 'and remove one iced tea', cart: [['veggie_burger', null, 2], ['iced_tea', 'medium', 1]] },
      { say: 'is the iced tea sweetened', reply: 'unsweetened', cart: [['veggie_burger', null, 2], ['iced_tea', 'medium', 1]] },
      { say: 'oh then swap the iced tea for a lemonade', cart: [['veggie_burger', null, 2], ['lemonade', 'medium', 1]] },
      { say: "okay I'm done", confirmed: true, cart: [['veggie_burger', null, 2], ['lemonade', 'medium', 1]] },
    ],
    // 13
    [
      { say: 'uh hi, um, can I, uh', outOfScope: true, cart: none },
      { say: 'a hamburger with bacon please', cart: [['hamburger', null, 1, ['bacon']]] },
      { say: 'and a coffee', cart: [['hamburger', null, 1, ['bacon']], ['coffee', null, 1]] },
      { say: 'how much is the coffee', reply: '$1.79', cart: [['hamburger', null, 1, ['bacon']], ['coffee', null, 1]] },
      { say: 'make that two coffees', cart: [['hamburger', null, 1, ['bacon']], ['coffee', null, 2]] },
      { say: "nope that's everything", confirmed: true, cart: [['hamburger', null, 1, ['bacon']], ['coffee', null, 2]] },
    ],
    // 14
    [
      { say: 'do you guys have pizza', cart: none },
      { say: 'okay what about hot dogs', cart: none },
      { say: 'fine, gimme two chicken sandwiches', cart: [['chicken_sandwich', null, 2]] },
      { say: 'and onion rings', cart: [['chicken_sandwich', null, 2], ['onion_rings', null, 1]] },
      { say: "my phone's buzzing, one sec", outOfScope: true, cart: [['chicken_sandwich', null, 2], ['onion_rings', null, 1]] },
      { say: "ok, that's it", confirmed: true, cart: [['chicken_sandwich', null, 2], ['onion_rings', null, 1]] },
    ],
    // 15
    [
      { say: "I'm so hungry right now", outOfScope: true, cart: none },
      { say: 'what do you recommend', cart: none },
      { say: "what's your most popular burger", cart: none },
      { say: "I'll try the veggie burger then", cart: [['veggie_burger', null, 1]] },
      { say: 'and a small fries and a small coke', cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['coke', 'small', 1]] },
      { say: 'wait, remove the coke', cart: [['veggie_burger', null, 1], ['fries', 'small', 1]] },
      { say: 'and get me a water instead', cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['water', null, 1]] },
      { say: "yep, that's it", confirmed: true, cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['water', null, 1]] },
    ],
    // 16
    [
      { say: 'a hamburger and a hamburger with no onions', cart: [['hamburger', null, 1], ['hamburger', null, 1, ['no_onions']]] },
      { say: 'my friend wants a cheeseburger with extra cheese', cart: [['hamburger', null, 1], ['hamburger', null, 1, ['no_onions']], ['cheeseburger', null, 1, ['extra_cheese']]] },
      { say: 'dude what are you drinking', outOfScope: true, cart: [['hamburger', null, 1], ['hamburger', null, 1, ['no_onions']], ['cheeseburger', null, 1, ['extra_cheese']]] },
      { say: 'and he wants a coke', cart: [['hamburger', null, 1], ['hamburger', null, 1, ['no_onions']], ['cheeseburger', null, 1, ['extra_cheese']], ['coke', 'medium', 1]] },
      { say: "what's the price of a cheeseburger with extra cheese", cart: [['hamburger', null, 1], ['hamburger', null, 1, ['no_onions']], ['cheeseburger', null, 1, ['extra_cheese']], ['coke', 'medium', 1]] },
      { say: "that's everything", confirmed: true, cart: [['hamburger', null, 1], ['hamburger', null, 1, ['no_onions']], ['cheeseburger', null, 1, ['extra_cheese']], ['coke', 'medium', 1]] },
    ],
    // 17
    [
      { say: 'can I please get a sundae, an apple pie and a cookie', cart: [['sundae', null, 1], ['apple_pie', null, 1], ['cookie', null, 1]] },
      { say: "shh, I'm ordering", outOfScope: true, cart: [['sundae', null, 1], ['apple_pie', null, 1], ['cookie', null, 1]] },
      { say: 'drop the cookie', cart: [['sundae', null, 1], ['apple_pie', null, 1]] },
      { say: "what's on the sundae", reply: 'fudge', cart: [['sundae', null, 1], ['apple_pie', null, 1]] },
      { say: 'cool, and a coffee', cart: [['sundae', null, 1], ['apple_pie', null, 1], ['coffee', null, 1]] },
      { say: "that's everything", confirmed: true, cart: [['sundae', null, 1], ['apple_pie', null, 1], ['coffee', null, 1]] },
    ],
    // 18
    [
      { say: "I'd like a cheeseburger and fries", cart: [['cheeseburger', null, 1], ['fries', 'medium', 1]] },
      { say: 'no fries after all', cart: [['cheeseburger', null, 1]] },
      { say: 'did you see the game last night', outOfScope: true, cart: [['cheeseburger', null, 1]] },
      { say: 'add onion rings', cart: [['cheeseburger', null, 1], ['onion_rings', null, 1]] },
      { say: 'are the onion rings gluten free', cart: [['cheeseburger', null, 1], ['onion_rings', null, 1]] },
      { say: "alright I'm good", confirmed: true, cart: [['cheeseburger', null, 1], ['onion_rings', null, 1]] },
    ],
    // 19
    [
      { say: 'three cheeseburgers, three fries, three cokes', cart: [['cheeseburger', null, 3], ['fries', 'medium', 3], ['coke', 'medium', 3]] },
      { say: 'ugh hold on', outOfScope: true, cart: [['cheeseburger', null, 3], ['fries', 'medium', 3], ['coke', 'medium', 3]] },
      { say: 'cancel everything', cart: none },
      { say: 'okay, just a chocolate milkshake then', cart: [['milkshake', 'medium', 1, ['chocolate']]] },
      { say: 'large please', cart: [['milkshake', 'large', 1, ['chocolate']]] },
      { say: "that's it", confirmed: true, cart: [['milkshake', 'large', 1, ['chocolate']]] },
    ],
    // 20
    [
      { say: 'can I get a lemonade', cart: [['lemonade', 'medium', 1]] },
      { say: 'change that to two', cart: [['lemonade', 'medium', 2]] },
      { say: 'and a strawberry shake', cart: [['lemonade', 'medium', 2], ['milkshake', 'medium', 1, ['strawberry']]] },
      { say: 'Sam, stop touching the screen', outOfScope: true, cart: [['lemonade', 'medium', 2], ['milkshake', 'medium', 1, ['strawberry']]] },
      { say: 'oh and a vanilla shake too', cart: [['lemonade', 'medium', 2], ['milkshake', 'medium', 1, ['strawberry']], ['milkshake', 'medium', 1, ['vanilla']]] },
      { say: "what's in a cookie", reply: 'chip', cart: [['lemonade', 'medium', 2], ['milkshake', 'medium', 1, ['strawberry']], ['milkshake', 'medium', 1, ['vanilla']]] },
      { say: "nah, that's all", confirmed: true, cart: [['lemonade', 'medium', 2], ['milkshake', 'medium', 1, ['strawberry']], ['milkshake', 'medium', 1, ['vanilla']]] },
    ],
    // 21
    [
      { say: 'so, like, I want, um, two chicken sandwiches', cart: [['chicken_sandwich', null, 2]] },
      { say: 'and like, uh, two large lemonades', cart: [['chicken_sandwich', null, 2], ['lemonade', 'large', 2]] },
      { say: "no I'm ordering, I'll call you back", outOfScope: true, cart: [['chicken_sandwich', null, 2], ['lemonade', 'large', 2]] },
      { say: 'um also an order of chicken nuggets', cart: [['chicken_sandwich', null, 2], ['lemonade', 'large', 2], ['nuggets', null, 1]] },
      { say: 'how many pieces in the nuggets', reply: 'six', cart: [['chicken_sandwich', null, 2], ['lemonade', 'large', 2], ['nuggets', null, 1]] },
      { say: "okay, so, that's it", confirmed: true, cart: [['chicken_sandwich', null, 2], ['lemonade', 'large', 2], ['nuggets', null, 1]] },
    ],
    // 22
    [
      { say: 'good evening, could I please have a garden salad', cart: [['salad', null, 1]] },
      { say: 'and a bottled water, thank you', cart: [['salad', null, 1], ['water', null, 1]] },
      { say: 'lovely weather today, isn\'t it', outOfScope: true, cart: [['salad', null, 1], ['water', null, 1]] },
      { say: 'do you accept credit cards', cart: [['salad', null, 1], ['water', null, 1]] },
      { say: 'wonderful, and an apple pie as well please', cart: [['salad', null, 1], ['water', null, 1], ['apple_pie', null, 1]] },
      { say: 'how much is the salad', reply: '$4.99', cart: [['salad', null, 1], ['water', null, 1], ['apple_pie', null, 1]] },
      { say: 'that will be all, thank you', confirmed: true, cart: [['salad', null, 1], ['water', null, 1], ['apple_pie', null, 1]] },
    ],
    // 23
    [
      { say: 'six cheeseburgers please', cart: [['cheeseburger', null, 6]] },
      { say: 'eight small sprites', cart: [['cheeseburger', null, 6], ['sprite', 'small', 8]] },
      { say: 'and nine cookies', cart: [['cheeseburger', null, 6], ['sprite', 'small', 8], ['cookie', null, 9]] },
      { say: 'no, seven cookies', cart: [['cheeseburger', null, 6], ['sprite', 'small', 8], ['cookie', null, 7]] },
      { say: 'hey can you grab some napkins', outOfScope: true, cart: [['cheeseburger', null, 6], ['sprite', 'small', 8], ['cookie', null, 7]] },
      { say: "that's everything", confirmed: true, cart: [['cheeseburger', null, 6], ['sprite', 'small', 8], ['cookie', null, 7]] },
    ],
    // 24
    [
      { say: 'lemme get eleven hamburgers', cart: [['hamburger', null, 11]] },
      { say: 'and thirteen waters', cart: [['hamburger', null, 11], ['water', null, 13]] },
      { say: 'make the hamburgers twelve', cart: [['hamburger', null, 12], ['water', null, 13]] },
      { say: "it's for the office party, they're all starving", outOfScope: true, cart: [['hamburger', null, 12], ['water', null, 13]] },
      { say: "yep that's it", confirmed: true, cart: [['hamburger', null, 12], ['water', null, 13]] },
    ],
    // 25
    [
      { say: 'a small coke and a large coke', cart: [['coke', 'small', 1], ['coke', 'large', 1]] },
      { say: 'and a medium sprite', cart: [['coke', 'small', 1], ['coke', 'large', 1], ['sprite', 'medium', 1]] },
      { say: "yeah yeah I'll be home in ten minutes", outOfScope: true, cart: [['coke', 'small', 1], ['coke', 'large', 1], ['sprite', 'medium', 1]] },
      { say: 'remove the large coke', cart: [['coke', 'small', 1], ['sprite', 'medium', 1]] },
      { say: 'how much is a small coke', reply: '$1.99', cart: [['coke', 'small', 1], ['sprite', 'medium', 1]] },
      { say: "I'm good thanks", confirmed: true, cart: [['coke', 'small', 1], ['sprite', 'medium', 1]] },
    ],
    // 26
    [
      { say: "I'll take a bacon cheeseburger", cart: [['cheeseburger', null, 1, ['bacon']]] },
      { say: 'and a cheeseburger without onions', cart: [['cheeseburger', null, 1, ['bacon']], ['cheeseburger', null, 1, ['no_onions']]] },
      { say: 'do you have ketchup', cart: [['cheeseburger', null, 1, ['bacon']], ['cheeseburger', null, 1, ['no_onions']]] },
      { say: 'okay, and large fries', cart: [['cheeseburger', null, 1, ['bacon']], ['cheeseburger', null, 1, ['no_onions']], ['fries', 'large', 1]] },
      { say: 'mom, do you want a drink?', outOfScope: true, cart: [['cheeseburger', null, 1, ['bacon']], ['cheeseburger', null, 1, ['no_onions']], ['fries', 'large', 1]] },
      { say: "she'll have an iced tea", cart: [['cheeseburger', null, 1, ['bacon']], ['cheeseburger', null, 1, ['no_onions']], ['fries', 'large', 1], ['iced_tea', 'medium', 1]] },
      { say: "that's all", confirmed: true, cart: [['cheeseburger', null, 1, ['bacon']], ['cheeseburger', null, 1, ['no_onions']], ['fries', 'large', 1], ['iced_tea', 'medium', 1]] },
    ],
    // 27
    [
      { say: 'hmm let me think', outOfScope: true, cart: none },
      { say: 'uhh', outOfScope: true, cart: none },
      { say: 'okay so a hamburger no pickles', cart: [['hamburger', null, 1, ['no_pickles']]] },
      { say: 'and uh, what, yeah I know, hold on', outOfScope: true, cart: [['hamburger', null, 1, ['no_pickles']]] },
      { say: 'and a small vanilla milkshake', cart: [['hamburger', null, 1, ['no_pickles']], ['milkshake', 'small', 1, ['vanilla']]] },
      { say: 'is the parking lot out back free', outOfScope: true, cart: [['hamburger', null, 1, ['no_pickles']], ['milkshake', 'small', 1, ['vanilla']]] },
      { say: "that's it", confirmed: true, cart: [['hamburger', null, 1, ['no_pickles']], ['milkshake', 'small', 1, ['vanilla']]] },
    ],
    // 28
    [
      { say: 'four apple pies and two sundaes', cart: [['apple_pie', null, 4], ['sundae', null, 2]] },
      { say: 'remove two apple pies', cart: [['apple_pie', null, 2], ['sundae', null, 2]] },
      { say: 'and take off one sundae', cart: [['apple_pie', null, 2], ['sundae', null, 1]] },
      { say: 'how much is a sundae', reply: '$3.49', cart: [['apple_pie', null, 2], ['sundae', null, 1]] },
      { say: 'my kid is screaming, sorry', outOfScope: true, cart: [['apple_pie', null, 2], ['sundae', null, 1]] },
      { say: "okay that's everything", confirmed: true, cart: [['apple_pie', null, 2], ['sundae', null, 1]] },
    ],
    // 29
    [
      { say: 'a large coke, no wait, a large sprite', cart: [['sprite', 'large', 1]] },
      { say: 'and a cheeseburger, sorry, a chicken sandwich', cart: [['sprite', 'large', 1], ['chicken_sandwich', null, 1]] },
      { say: 'are you a robot', outOfScope: true, cart: [['sprite', 'large', 1], ['chicken_sandwich', null, 1]] },
      { say: 'and french fries', cart: [['sprite', 'large', 1], ['chicken_sandwich', null, 1], ['fries', 'medium', 1]] },
      { say: "yep that's it", confirmed: true, cart: [['sprite', 'large', 1], ['chicken_sandwich', null, 1], ['fries', 'medium', 1]] },
    ],
    // 30
    [
      { say: 'I want a veggie burger, a small fries, a medium lemonade and a cookie', cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['lemonade', 'medium', 1], ['cookie', null, 1]] },
      { say: "what's in the veggie burger", reply: 'bean', cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['lemonade', 'medium', 1], ['cookie', null, 1]] },
      { say: 'cool, add another cookie', cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['lemonade', 'medium', 1], ['cookie', null, 2]] },
      { say: 'this song is so catchy', outOfScope: true, cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['lemonade', 'medium', 1], ['cookie', null, 2]] },
      { say: 'how do I pay', cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['lemonade', 'medium', 1], ['cookie', null, 2]] },
      { say: 'wait, remove the lemonade', cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['cookie', null, 2]] },
      { say: "that's it", confirmed: true, cart: [['veggie_burger', null, 1], ['fries', 'small', 1], ['cookie', null, 2]] },
    ],
    // 31
    [
      { say: 'hello?', outOfScope: true, cart: none },
      { say: 'is this thing on', outOfScope: true, cart: none },
      { say: 'oh okay, gimme a hamburger and a cheeseburger', cart: [['hamburger', null, 1], ['cheeseburger', null, 1]] },
      { say: 'and two colas', cart: [['hamburger', null, 1], ['cheeseburger', null, 1], ['coke', 'medium', 2]] },
      { say: "what's your cheapest drink", reply: 'water', cart: [['hamburger', null, 1], ['cheeseburger', null, 1], ['coke', 'medium', 2]] },
      { say: 'add one water', cart: [['hamburger', null, 1], ['cheeseburger', null, 1], ['coke', 'medium', 2], ['water', null, 1]] },
      { say: "that's everything", confirmed: true, cart: [['hamburger', null, 1], ['cheeseburger', null, 1], ['coke', 'medium', 2], ['water', null, 1]] },
    ],
    // 32
    [
      { say: 'honey, what did you want again', outOfScope: true, cart: none },
      { say: 'she wants the chicken nuggets', cart: [['nuggets', null, 1]] },
      { say: "and I'll have a chicken sandwich with extra cheese", cart: [['nuggets', null, 1], ['chicken_sandwich', null, 1, ['extra_cheese']]] },
      { say: 'no, the other card is in my bag', outOfScope: true, cart: [['nuggets', null, 1], ['chicken_sandwich', null, 1, ['extra_cheese']]] },
      { say: 'and two medium cokes', cart: [['nuggets', null, 1], ['chicken_sandwich', null, 1, ['extra_cheese']], ['coke', 'medium', 2]] },
      { say: 'actually make the cokes large', cart: [['nuggets', null, 1], ['chicken_sandwich', null, 1, ['extra_cheese']], ['coke', 'large', 2]] },
      { say: "that's it", confirmed: true, cart: [['nuggets', null, 1], ['chicken_sandwich', null, 1, ['extra_cheese']], ['coke', 'large', 2]] },
    ],
  ],
};
