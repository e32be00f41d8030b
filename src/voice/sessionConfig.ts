/** What the kiosk tells the voice agent in `session.update`: who it is, the menu, and its tools. */

import { MENU, formatPrice } from '../menu/menu.ts';
import { MENU_TOOLS } from '../menu/menuTools.ts';
import type { SessionConfig } from '../protocol/realtimeEvents.ts';

function menuText(): string {
  return MENU.map((item) => {
    const price = item.sizes
      ? Object.entries(item.sizes).map(([size, cents]) => `${size} ${formatPrice(cents)}`).join(', ')
      : formatPrice(item.priceCents);
    return `${item.id}: ${item.name} (${price})${item.modifiers ? `; options: ${item.modifiers.join(', ')}` : ''}`;
  }).join('\n');
}

export const KIOSK_INSTRUCTIONS = [
  'You take food orders at a restaurant kiosk. Speak English, briefly and warmly.',
  'Change the order only with the tools, and never claim a change a tool did not confirm.',
  'After each change, say what changed and ask if there is anything else.',
  'If something is not on the menu, say so and suggest the closest item.',
  'When the customer is finished, call confirm_order.',
  'Menu:',
].join(' ');

export function kioskSessionConfig(): SessionConfig {
  return { instructions: `${KIOSK_INSTRUCTIONS}\n${menuText()}`, tools: MENU_TOOLS };
}
