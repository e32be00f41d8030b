/**
 * Joins the kiosk lifecycle to the voice client: a new customer gets a fresh
 * conversation, a press counts as activity, a turn in progress, the assistant still
 * speaking or an outage holds the quiet period off, a confirmed cart shows the confirmation
 * and goes to the order outbox (saved, then sent). Lives outside React like the client
 * itself; `stop()` releases the subscription.
 */

import { createActor } from 'xstate';
import { kioskMachine, type KioskTimeouts } from '../../machines/kioskMachine.ts';
import { turnStateOf, type VoiceSnapshot } from '../../machines/voiceMachine.selectors.ts';
import type { Cart } from '../../machines/cart.ts';
import type { OrderOutbox } from '../orders/orderOutbox.ts';
import type { OrderLineRequest } from '../orders/orderTypes.ts';
import type { VoiceClient } from './voiceClient.ts';

function orderLinesOf(cart: Cart): OrderLineRequest[] {
  return cart.lines.map(({ itemId, size, modifiers, quantity }) => ({ itemId, size, modifiers: [...modifiers], quantity }));
}

/**
 * The quiet period waits while a turn is in progress, the assistant still speaks, or the
 * kiosk is not ready: an outage is not the customer leaving, and must not reset their order.
 */
function isEngaged(snapshot: VoiceSnapshot): boolean {
  const turn = turnStateOf(snapshot);
  return turn !== 'idle' || snapshot.context.assistantSpeaking;
}

export function startKioskSession(client: VoiceClient, timeouts?: Partial<KioskTimeouts>, orders: OrderOutbox | null = null) {
  const kiosk = createActor(
    kioskMachine.provide({ actions: { resetConversation: () => client.newConversation() } }),
    { input: { timeouts } },
  ).start();
  let confirmed = client.getSnapshot().context.cart.confirmed;
  let turns = client.getSnapshot().context.turnsCompleted;
  let engaged = isEngaged(client.getSnapshot());
  const subscription = client.actor.subscribe((snapshot) => {
    const { cart, turnsCompleted } = snapshot.context;
    const nowEngaged = isEngaged(snapshot);
    if (nowEngaged !== engaged) kiosk.send({ type: nowEngaged ? 'turn_started' : 'turn_ended' });
    if (cart.confirmed && !confirmed) {
      // Once per confirmation: the cart's `confirmed` goes false again only with a new conversation.
      void orders?.submit(orderLinesOf(cart));
      kiosk.send({ type: 'order_confirmed' });
    }
    // A finished turn is the customer still here.
    if (turnsCompleted !== turns) kiosk.send({ type: 'activity' });
    confirmed = cart.confirmed;
    turns = turnsCompleted;
    engaged = nowEngaged;
  });
  return {
    kiosk,
    stop: () => {
      subscription.unsubscribe();
      kiosk.stop();
    },
  };
}
