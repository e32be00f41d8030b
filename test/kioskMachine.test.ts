import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { kioskMachine } from '../machines/kioskMachine.ts';

function start() {
  const clock = new SimulatedClock();
  let resets = 0;
  const actor = createActor(
    kioskMachine.provide({ actions: { resetConversation: () => void (resets += 1) } }),
    { clock, input: { timeouts: { idleReset: 60_000, confirmedReset: 15_000 } } },
  ).start();
  return { actor, clock, resets: () => resets, state: () => actor.getSnapshot().value, matches: (state: 'ordering') => actor.getSnapshot().matches(state) };
}

describe('kiosk lifecycle', () => {
  it('starts on the attract screen and a press starts ordering', () => {
    const k = start();
    expect(k.state()).toBe('attract');
    k.actor.send({ type: 'activity' });
    expect(k.matches('ordering')).toBe(true);
  });

  it('returns to the attract screen with a fresh conversation after the quiet period', () => {
    const k = start();
    k.actor.send({ type: 'start' });
    k.clock.increment(59_999);
    expect(k.matches('ordering')).toBe(true);
    k.clock.increment(1);
    expect(k.state()).toBe('attract');
    expect(k.resets()).toBe(1);
  });

  it('any activity restarts the quiet period', () => {
    const k = start();
    k.actor.send({ type: 'start' });
    k.clock.increment(50_000);
    k.actor.send({ type: 'activity' });
    k.clock.increment(50_000);
    expect(k.matches('ordering')).toBe(true);
  });

  it('holds the quiet period off while a turn is in progress, and starts it again when the turn ends', () => {
    const k = start();
    k.actor.send({ type: 'start' });
    k.actor.send({ type: 'turn_started' });
    k.clock.increment(120_000);
    expect(k.resets()).toBe(0);
    k.actor.send({ type: 'turn_ended' });
    k.clock.increment(59_999);
    expect(k.resets()).toBe(0);
    k.clock.increment(1);
    expect(k.state()).toBe('attract');
    expect(k.resets()).toBe(1);
  });

  it('after a confirmed order, the next customer gets a fresh conversation', () => {
    const k = start();
    k.actor.send({ type: 'start' });
    k.actor.send({ type: 'order_confirmed' });
    expect(k.state()).toBe('confirmed');
    k.clock.increment(15_000);
    expect(k.state()).toBe('attract');
    expect(k.resets()).toBe(1);
  });

  it('start over clears the conversation at once', () => {
    const k = start();
    k.actor.send({ type: 'start' });
    k.actor.send({ type: 'start_over' });
    expect(k.state()).toBe('attract');
    expect(k.resets()).toBe(1);
  });
});
