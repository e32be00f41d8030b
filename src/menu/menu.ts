/**
 * The menu: the one source of truth for the kiosk screen, the tools the assistant may
 * call, the cart's prices, and the local server's speech grammar. Every spoken word here
 * must be in the recognizer's dictionary (plurals it lacks are derived).
 */

export type Size = 'small' | 'medium' | 'large';
export const SIZES: readonly Size[] = ['small', 'medium', 'large'];

export type Category = 'burgers' | 'sides' | 'drinks' | 'desserts';

export interface Modifier {
  id: string;
  label: string;
  priceCents: number;
  /** How a customer says it, and where: "chocolate milkshake", "cheeseburger with bacon". */
  spoken: string[];
  position: 'before' | 'after';
}

export interface MenuItem {
  id: string;
  name: string;
  category: Category;
  /** Price when the item has no sizes. */
  priceCents: number;
  /** Price by size, for items that come in sizes. */
  sizes?: Record<Size, number>;
  /** Spoken names for one, the first being the plain name: "coke", "cola". */
  spoken: string[];
  /** Spoken names for several, in the same order. */
  spokenPlural: string[];
  modifiers?: string[];
  description: string;
}

export const MODIFIERS: readonly Modifier[] = [
  { id: 'extra_cheese', label: 'Extra cheese', priceCents: 75, spoken: ['with extra cheese', 'extra cheese'], position: 'after' },
  { id: 'bacon', label: 'Bacon', priceCents: 150, spoken: ['with bacon'], position: 'after' },
  { id: 'no_pickles', label: 'No pickles', priceCents: 0, spoken: ['no pickles', 'without pickles'], position: 'after' },
  { id: 'no_onions', label: 'No onions', priceCents: 0, spoken: ['no onions', 'without onions'], position: 'after' },
  { id: 'vanilla', label: 'Vanilla', priceCents: 0, spoken: ['vanilla'], position: 'before' },
  { id: 'chocolate', label: 'Chocolate', priceCents: 0, spoken: ['chocolate'], position: 'before' },
  { id: 'strawberry', label: 'Strawberry', priceCents: 0, spoken: ['strawberry'], position: 'before' },
];

const BURGER_MODIFIERS = ['extra_cheese', 'bacon', 'no_pickles', 'no_onions'];
const DRINK_SIZES: Record<Size, number> = { small: 199, medium: 229, large: 259 };

export const MENU: readonly MenuItem[] = [
  {
    id: 'cheeseburger', name: 'Cheeseburger', category: 'burgers', priceCents: 599,
    spoken: ['cheeseburger'], spokenPlural: ['cheeseburgers'], modifiers: BURGER_MODIFIERS,
    description: 'Beef patty, cheddar, pickles, onions',
  },
  {
    id: 'hamburger', name: 'Hamburger', category: 'burgers', priceCents: 499,
    spoken: ['hamburger', 'burger'], spokenPlural: ['hamburgers', 'burgers'], modifiers: BURGER_MODIFIERS,
    description: 'Beef patty, pickles, onions',
  },
  {
    id: 'veggie_burger', name: 'Veggie Burger', category: 'burgers', priceCents: 649,
    spoken: ['veggie burger'], spokenPlural: ['veggie burgers'], modifiers: BURGER_MODIFIERS,
    description: 'Bean patty, lettuce, tomato',
  },
  {
    id: 'chicken_sandwich', name: 'Chicken Sandwich', category: 'burgers', priceCents: 699,
    spoken: ['chicken sandwich'], spokenPlural: ['chicken sandwiches'], modifiers: BURGER_MODIFIERS,
    description: 'Crispy chicken, pickles',
  },
  {
    id: 'fries', name: 'Fries', category: 'sides', priceCents: 299, sizes: { small: 249, medium: 299, large: 349 },
    spoken: ['fries', 'french fries'], spokenPlural: ['fries', 'french fries'],
    description: 'Salted, skin on',
  },
  {
    id: 'onion_rings', name: 'Onion Rings', category: 'sides', priceCents: 349,
    spoken: ['onion rings'], spokenPlural: ['onion rings'],
    description: 'Beer battered',
  },
  {
    id: 'nuggets', name: 'Chicken Nuggets', category: 'sides', priceCents: 449,
    spoken: ['nuggets', 'chicken nuggets'], spokenPlural: ['nuggets', 'chicken nuggets'],
    description: 'Six pieces',
  },
  {
    id: 'salad', name: 'Garden Salad', category: 'sides', priceCents: 499,
    spoken: ['salad', 'garden salad'], spokenPlural: ['salads', 'garden salads'],
    description: 'Greens, tomato, cucumber',
  },
  {
    id: 'coke', name: 'Coke', category: 'drinks', priceCents: 229, sizes: DRINK_SIZES,
    spoken: ['coke', 'cola'], spokenPlural: ['cokes', 'colas'],
    description: 'Fountain drink',
  },
  {
    id: 'sprite', name: 'Sprite', category: 'drinks', priceCents: 229, sizes: DRINK_SIZES,
    spoken: ['sprite'], spokenPlural: ['sprites'],
    description: 'Fountain drink',
  },
  {
    id: 'lemonade', name: 'Lemonade', category: 'drinks', priceCents: 259, sizes: { small: 229, medium: 259, large: 289 },
    spoken: ['lemonade'], spokenPlural: ['lemonades'],
    description: 'Fresh squeezed',
  },
  {
    id: 'iced_tea', name: 'Iced Tea', category: 'drinks', priceCents: 229, sizes: DRINK_SIZES,
    spoken: ['iced tea'], spokenPlural: ['iced teas'],
    description: 'Unsweetened',
  },
  {
    id: 'coffee', name: 'Coffee', category: 'drinks', priceCents: 179,
    spoken: ['coffee'], spokenPlural: ['coffees'],
    description: 'Drip, regular',
  },
  {
    id: 'water', name: 'Bottled Water', category: 'drinks', priceCents: 149,
    spoken: ['water', 'bottled water'], spokenPlural: ['waters', 'bottled waters'],
    description: 'Still',
  },
  {
    id: 'milkshake', name: 'Milkshake', category: 'desserts', priceCents: 449, sizes: { small: 399, medium: 449, large: 499 },
    spoken: ['milkshake', 'shake'], spokenPlural: ['milkshakes', 'shakes'], modifiers: ['vanilla', 'chocolate', 'strawberry'],
    description: 'Vanilla, chocolate or strawberry',
  },
  {
    id: 'sundae', name: 'Sundae', category: 'desserts', priceCents: 349,
    spoken: ['sundae'], spokenPlural: ['sundaes'],
    description: 'Soft serve, hot fudge',
  },
  {
    id: 'apple_pie', name: 'Apple Pie', category: 'desserts', priceCents: 199,
    spoken: ['apple pie'], spokenPlural: ['apple pies'],
    description: 'Baked, cinnamon',
  },
  {
    id: 'cookie', name: 'Cookie', category: 'desserts', priceCents: 149,
    spoken: ['cookie'], spokenPlural: ['cookies'],
    description: 'Chocolate chip',
  },
];

export const CATEGORY_LABELS: Record<Category, string> = {
  burgers: 'Burgers & sandwiches',
  sides: 'Sides',
  drinks: 'Drinks',
  desserts: 'Desserts',
};

export const DEFAULT_SIZE: Size = 'medium';

const itemsById = new Map(MENU.map((item) => [item.id, item]));
const modifiersById = new Map(MODIFIERS.map((modifier) => [modifier.id, modifier]));

export function findItem(id: string): MenuItem | undefined {
  return itemsById.get(id);
}

export function findModifier(id: string): Modifier | undefined {
  return modifiersById.get(id);
}

export function unitPriceCents(item: MenuItem, size: Size | null, modifierIds: readonly string[]): number {
  const base = item.sizes && size ? item.sizes[size] : item.priceCents;
  return modifierIds.reduce((sum, id) => sum + (findModifier(id)?.priceCents ?? 0), base);
}

export function formatPrice(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
