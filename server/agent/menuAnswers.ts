/**
 * Answers to customers' questions, from the menu data alone: prices, what is in an item,
 * sizes, dietary notes, payment, recommendations. Nothing here touches the order.
 */

import { CATEGORY_LABELS, DEFAULT_SIZE, findModifier, formatPrice, MENU, MODIFIERS, SIZES, unitPriceCents, type Category, type MenuItem, type Size } from '../../src/menu/menu.ts';
import type { AskTopic } from './intentParser.ts';

function priceOf(item: MenuItem): string {
  if (!item.sizes) return formatPrice(item.priceCents);
  const sizes = item.sizes;
  return SIZES.map((size) => `${formatPrice(sizes[size])} ${size}`).join(', ');
}

function contentsOf(item: MenuItem): string {
  const flavours = (item.modifiers ?? [])
    .map((id) => MODIFIERS.find((modifier) => modifier.id === id))
    .filter((modifier) => modifier?.position === 'before')
    .map((modifier) => modifier!.label.toLowerCase());
  const base = `${item.name}: ${item.description.charAt(0).toLowerCase()}${item.description.slice(1)}.`;
  if (flavours.length) return `${base} Flavours: ${flavours.join(', ')}.`;
  return base;
}

const CATEGORY_WORDS: [RegExp, Category][] = [
  [/\b(drinks?|beverages?)\b/, 'drinks'],
  [/\b(desserts?|sweets?)\b/, 'desserts'],
  [/\b(sides?)\b/, 'sides'],
  [/\b(burgers?|sandwich(es)?|mains?)\b/, 'burgers'],
];

function cheapest(words: string): string {
  const category = CATEGORY_WORDS.find(([pattern]) => pattern.test(words))?.[1];
  const items = MENU.filter((item) => !category || item.category === category);
  const price = (item: MenuItem) => (item.sizes ? Math.min(...Object.values(item.sizes)) : item.priceCents);
  const best = [...items].sort((a, b) => price(a) - price(b))[0]!;
  return `Our cheapest${category ? ` ${CATEGORY_LABELS[category].toLowerCase().replace(/s$/, '')}` : ''} is the ${best.name.toLowerCase()}, at ${formatPrice(price(best))}.`;
}

export function menuOverview(): string {
  const categories = [...new Set(MENU.map((item) => item.category))];
  return `We have ${categories
    .map((category) => `${CATEGORY_LABELS[category].toLowerCase()} like ${MENU.filter((item) => item.category === category).slice(0, 2).map((item) => item.name.toLowerCase()).join(' and ')}`)
    .join('; ')}.`;
}

/** The size and modifiers asked about with the first item: "how much is a large chocolate shake". */
export interface AskedAs {
  size: Size | null;
  modifiers: string[];
}

/** "The large chocolate milkshake is $4.99.", "The cheeseburger with extra cheese is $6.74." */
function priceAsAsked(item: MenuItem, asked: AskedAs): string | null {
  const modifiers = asked.modifiers.filter((id) => item.modifiers?.includes(id));
  const size = item.sizes ? asked.size : null;
  if (!size && modifiers.length === 0) return null;
  const before = modifiers.map(findModifier).filter((m) => m?.position === 'before').map((m) => `${m!.label.toLowerCase()} `).join('');
  const after = modifiers.map(findModifier).filter((m) => m?.position === 'after').map((m) => m!.label.toLowerCase());
  const name = `${size ? `${size} ` : ''}${before}${item.name.toLowerCase()}${after.length ? ` with ${after.join(' and ')}` : ''}`;
  return `The ${name} is ${formatPrice(unitPriceCents(item, size ?? (item.sizes ? DEFAULT_SIZE : null), modifiers))}.`;
}

/** Says what the customer asked about. `totalCents` is the order's total, for "how much is that". */
export function answer(topic: AskTopic, items: MenuItem[], words: string, totalCents: number, asked?: AskedAs): string {
  const item = items[0];
  switch (topic) {
    case 'total':
      return totalCents > 0 ? `Your order comes to ${formatPrice(totalCents)}.` : 'Your order is empty so far.';
    case 'price':
      if (!item) return totalCents > 0 ? `Your order comes to ${formatPrice(totalCents)}.` : 'Prices are on the menu beside each item; ask me about any of them.';
      return items.map((one, index) => (index === 0 && asked && priceAsAsked(one, asked)) || `The ${one.name.toLowerCase()} is ${priceOf(one)}.`).join(' ');
    case 'cheapest':
      return cheapest(words);
    case 'contents':
      return item ? items.map(contentsOf).join(' ') : menuOverview();
    case 'sizes':
      if (!item) return `Fries, drinks and milkshakes come in ${SIZES.join(', ')}.`;
      return item.sizes ? `The ${item.name.toLowerCase()} comes in ${SIZES.join(', ')}: ${priceOf(item)}.` : `The ${item.name.toLowerCase()} comes in one size, ${formatPrice(item.priceCents)}.`;
    case 'dietary':
      if (item) return `${contentsOf(item)} For allergies, please ask a member of staff.`;
      if (/\b(vegan|vegetarian|veggie|meat)\b/.test(words)) {
        return 'Our veggie burger has a bean patty, lettuce and tomato; the garden salad, fries and onion rings have no meat either. For allergies, please ask a member of staff.';
      }
      return 'Ask me about any item and I will tell you what is in it. For allergies, please ask a member of staff.';
    case 'payment':
      return 'You can pay by card or phone at the terminal when your order is confirmed, or with cash at the counter.';
    case 'recommend':
      return 'Our cheeseburger with medium fries and a chocolate milkshake is a favourite. The veggie burger is popular too.';
    case 'menu':
      return item ? `Yes, we have the ${item.name.toLowerCase()}, ${priceOf(item)}.` : `${menuOverview()} We don't have anything else, sorry.`;
    case 'other':
      return item ? contentsOf(item) : "Sorry, I can only help with your order and our menu.";
  }
}
