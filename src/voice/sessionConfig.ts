/** What the kiosk tells the voice agent in `session.update`: who it is and which tools it may call. */

import type { SessionConfig } from '../protocol/realtimeEvents.ts';

export const KIOSK_INSTRUCTIONS = [
  'You take food orders at a restaurant kiosk.',
  'Use the tools to change the order; never claim a change you did not make with a tool.',
  'Keep replies short: confirm what changed and ask if there is anything else.',
].join(' ');

export function kioskSessionConfig(): SessionConfig {
  return { instructions: KIOSK_INSTRUCTIONS, tools: [] };
}
