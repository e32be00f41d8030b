/**
 * Joins the kiosk lifecycle to the voice client: a new customer gets a fresh
 * conversation, a press counts as activity, a confirmed cart shows the confirmation.
 * Lives outside React like the client itself; `stop()` releases the subscription.
 */

import { createActor } from 'xstate';
import { kioskMachine, type KioskTimeouts } from '../../machines/kioskMachine.ts';
import type { VoiceClient } from './voiceClient.ts';

export function startKioskSession(client: VoiceClient, timeouts?: Partial<KioskTimeouts>) {
  const kiosk = createActor(
    kioskMachine.provide({ actions: { resetConversation: () => client.newConversation() } }),
    { input: { timeouts } },
  ).start();
  let confirmed = client.getSnapshot().context.cart.confirmed;
  let turns = client.getSnapshot().context.turnsCompleted;
  const subscription = client.actor.subscribe((snapshot) => {
    const { cart, turnsCompleted } = snapshot.context;
    if (cart.confirmed && !confirmed) kiosk.send({ type: 'order_confirmed' });
    // A finished turn is the customer still here.
    if (turnsCompleted !== turns) kiosk.send({ type: 'activity' });
    confirmed = cart.confirmed;
    turns = turnsCompleted;
  });
  return {
    kiosk,
    stop: () => {
      subscription.unsubscribe();
      kiosk.stop();
    },
  };
}
