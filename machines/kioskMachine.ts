/**
 * The kiosk's customer lifecycle: an attract screen, one customer ordering, the order
 * confirmed. Each customer gets a fresh conversation: leaving ordering or confirmed for
 * the attract screen (on a quiet kiosk, after a confirmed order, or on "start over")
 * clears the conversation and the cart.
 */

import { setup, type SnapshotFrom } from 'xstate';

export interface KioskTimeouts {
  /** No activity for this long while ordering: the customer has left. */
  idleReset: number;
  /** How long the order-confirmed screen stays before the next customer. */
  confirmedReset: number;
}

export const DEFAULT_KIOSK_TIMEOUTS: KioskTimeouts = { idleReset: 90_000, confirmedReset: 20_000 };

export type KioskEvent =
  | { type: 'start' }
  | { type: 'activity' }
  /** The customer is speaking or being answered: the quiet period does not run meanwhile. */
  | { type: 'turn_started' }
  | { type: 'turn_ended' }
  | { type: 'order_confirmed' }
  | { type: 'start_over' };

export const kioskMachine = setup({
  types: {
    context: {} as { timeouts: KioskTimeouts },
    events: {} as KioskEvent,
    input: {} as { timeouts?: Partial<KioskTimeouts> },
  },
  actions: {
    // The voice client provides this: clear the conversation and the cart.
    resetConversation: () => undefined,
  },
  delays: {
    idleReset: ({ context }) => context.timeouts.idleReset,
    confirmedReset: ({ context }) => context.timeouts.confirmedReset,
  },
}).createMachine({
  id: 'kiosk',
  context: ({ input }) => ({ timeouts: { ...DEFAULT_KIOSK_TIMEOUTS, ...input.timeouts } }),
  initial: 'attract',
  states: {
    attract: {
      on: {
        start: 'ordering',
        // A press on the attract screen is the customer starting to order.
        activity: 'ordering',
      },
    },
    ordering: {
      initial: 'quiet',
      on: {
        order_confirmed: 'confirmed',
        start_over: { target: 'attract', actions: 'resetConversation' },
      },
      states: {
        quiet: {
          on: {
            // Re-entering restarts the idle timer: any activity keeps the customer's session.
            activity: { target: 'quiet', reenter: true },
            turn_started: 'engaged',
          },
          after: { idleReset: { target: '#kiosk.attract', actions: 'resetConversation' } },
        },
        // A turn in progress is a customer at the kiosk, however long the answer takes;
        // every turn ends by itself (the voice machine's timeouts), and the quiet period starts again.
        engaged: {
          on: { turn_ended: 'quiet' },
        },
      },
    },
    confirmed: {
      on: {
        start: { target: 'ordering', actions: 'resetConversation' },
        start_over: { target: 'attract', actions: 'resetConversation' },
      },
      after: { confirmedReset: { target: 'attract', actions: 'resetConversation' } },
    },
  },
});

export type KioskMachine = typeof kioskMachine;

export type KioskPhase = 'attract' | 'ordering' | 'confirmed';

/** The screen the kiosk shows; whether a turn holds the quiet period off is the machine's own business. */
export function kioskPhaseOf(snapshot: SnapshotFrom<KioskMachine>): KioskPhase {
  if (snapshot.matches('ordering')) return 'ordering';
  return snapshot.matches('confirmed') ? 'confirmed' : 'attract';
}
