/**
 * The kiosk heals itself: reconnects continue through failed retries until the service
 * is back, spread out by jitter, wait for the network, and tell the customer what a
 * drop cost them.
 */

import { describe, expect, it } from 'vitest';
import { addItemCall, createHarness, TEST_TIMEOUTS, type Harness } from './machineHarness.ts';

const lose = (h: Harness) =>
  h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });

const schedule = (h: Harness) => h.actor.getSnapshot().context.reconnectSchedule;

describe('reconnecting until the service is back', () => {
  it('keeps going after a retry fails: a server down for a while is reached once it returns', async () => {
    let serverUp = false;
    const h = createHarness({
      autoReconnect: true,
      token: async () => {
        if (!serverUp) throw Object.assign(new Error('refused'), { reason: 'token_failed' });
        return { token: 'ek', callsUrl: 'http://127.0.0.1/v1/realtime/calls', expiresAt: null };
      },
    });
    serverUp = true;
    await h.bringOnline();
    serverUp = false;
    lose(h);
    const pauses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      expect(h.connection()).toBe('offline');
      const next = schedule(h);
      expect(next).not.toBeNull();
      pauses.push(next?.delayMs ?? 0);
      await h.advance(next?.delayMs ?? 0);
    }
    // Doubling from the base, each drawn between half and all of its backoff, never past the cap.
    pauses.forEach((pause, attempt) => {
      const backoff = Math.min(TEST_TIMEOUTS.reconnectCap, TEST_TIMEOUTS.reconnect * 2 ** attempt);
      expect(pause).toBeGreaterThanOrEqual(backoff / 2);
      expect(pause).toBeLessThanOrEqual(backoff);
    });
    serverUp = true;
    await h.advance(schedule(h)?.delayMs ?? 0);
    expect(h.connection()).toBe('connecting');
  });

  it('spreads kiosks that lost the same server over the jitter window', async () => {
    const firstPauses = new Set<number>();
    for (let seed = 1; seed <= 8; seed += 1) {
      const h = createHarness({ autoReconnect: true, jitterSeed: seed * 7919 });
      await h.bringOnline();
      lose(h);
      firstPauses.add(schedule(h)?.delayMs ?? -1);
    }
    expect(firstPauses.size).toBeGreaterThanOrEqual(6);
    expect(Math.max(...firstPauses) - Math.min(...firstPauses)).toBeGreaterThan(TEST_TIMEOUTS.reconnect / 5);
  });

  it('waits the whole cap after a refused token rather than hammering the service', async () => {
    const h = createHarness({
      autoReconnect: true,
      token: async () => {
        throw Object.assign(new Error('401'), { reason: 'token_refused' });
      },
    });
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('token_refused');
    expect(schedule(h)?.delayMs).toBeGreaterThanOrEqual(TEST_TIMEOUTS.reconnectCap / 2);
  });

  it('does not retry on its own what only a person can fix: a blocked microphone', async () => {
    const h = createHarness({ autoReconnect: true });
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    const generation = h.actor.getSnapshot().context.generation;
    h.fromServer({ type: 'connection.failed', generation, reason: 'microphone_denied', message: 'denied' });
    expect(schedule(h)).toBeNull();
    await h.advance(TEST_TIMEOUTS.reconnectCap * 2);
    expect(h.connectionsOpened()).toBe(1);
  });

  it('waits while the browser says the network is down, and retries at once when it is back', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.bringOnline();
    h.actor.send({ type: 'network.offline' });
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('network_offline');
    expect(schedule(h)).toBeNull();
    await h.advance(TEST_TIMEOUTS.reconnectCap * 2);
    expect(h.connectionsOpened()).toBe(1);
    h.actor.send({ type: 'network.online' });
    expect(h.connection()).toBe('fetching_token');
  });

  it('a press while waiting to retry retries at once', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.bringOnline();
    lose(h);
    h.actor.send({ type: 'press' });
    expect(h.connection()).toBe('fetching_token');
  });
});

describe('telling the customer what an outage cost', () => {
  it('says the words were lost when a drop cut a turn off', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.reachWaitingUserFinal();
    lose(h);
    await h.advance(schedule(h)?.delayMs ?? 0);
    h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
    h.fromServer({ type: 'server.session_updated' });
    expect(h.turn()).toBe('idle');
    expect(h.actor.getSnapshot().context.turnNotice?.code).toBe('turn_lost');
  });

  it('says what was added when the spoken answer never came, rather than "did not answer"', async () => {
    const h = createHarness();
    await h.reachWaitingResponse();
    h.fromServer(addItemCall('resp_1', 'cheeseburger', 1));
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    // The follow-up response never finishes.
    await h.advance(TEST_TIMEOUTS.response);
    const notice = h.actor.getSnapshot().context.turnNotice;
    expect(notice?.code).toBe('no_response');
    expect(notice?.message).toMatch(/cheeseburger/i);
  });
});

describe('noticing a dead link between turns', () => {
  it('checks a quiet link and reconnects when the check goes unanswered', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.bringOnline();
    await h.advance(TEST_TIMEOUTS.livenessInterval);
    expect(h.sentTypes().at(-1)).toBe('input_audio_buffer.clear');
    await h.advance(TEST_TIMEOUTS.livenessTimeout - 1);
    expect(h.connection()).toBe('ready');
    await h.advance(1);
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('connection_lost');
    expect(h.actor.getSnapshot().context.reconnectSchedule).not.toBeNull();
  });

  it('stays ready for as long as the service answers the checks', async () => {
    const h = createHarness();
    await h.bringOnline();
    for (let check = 0; check < 20; check += 1) {
      await h.advance(TEST_TIMEOUTS.livenessInterval);
      h.fromServer({ type: 'server.input_cleared' });
    }
    expect(h.turn()).toBe('idle');
    expect(h.connectionsClosed()).toBe(0);
  });

  it('never checks in the middle of a recording (a clear would throw the words away)', async () => {
    const h = createHarness();
    await h.bringOnline();
    h.actor.send({ type: 'press' });
    const before = h.sentTypes().length;
    await h.advance(TEST_TIMEOUTS.livenessInterval * 4);
    expect(h.turn()).toBe('recording');
    expect(h.sentTypes().slice(before)).not.toContain('input_audio_buffer.clear');
  });
});

describe('renewing the session before the service ends it', () => {
  it('swaps an old session for a fresh one at the next pause between turns, carrying the order', async () => {
    const h = createHarness({ timeouts: { sessionRenewal: 60_000, livenessInterval: 1e9, response: 1e9 } });
    await h.reachWaitingResponse();
    h.fromServer(addItemCall('resp_1', 'cheeseburger', 2));
    // The session comes of age mid-turn: nothing happens until the turn is over.
    await h.advance(60_000);
    expect(h.connectionsOpened()).toBe(1);
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    h.fromServer({ type: 'server.response_created', responseId: 'resp_2', tag: null });
    h.fromServer({ type: 'server.response_done', responseId: 'resp_2', status: 'completed' });
    await h.advance(TEST_TIMEOUTS.replyGrace);
    expect(h.connectionsClosed()).toBe(1);
    expect(h.connectionsOpened()).toBe(2);
    // No banner: the machine never went offline, and the order is carried into the new session.
    expect(h.actor.getSnapshot().context.disconnectReason).toBeNull();
    const before = h.commands.length;
    h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
    const update = h.commands.slice(before).find((command) => command.type === 'send' && command.event.type === 'session.update');
    expect(JSON.stringify(update)).toContain('2 × Cheeseburger');
    expect(h.actor.getSnapshot().context.cart.lines).toMatchObject([{ itemId: 'cheeseburger', quantity: 2 }]);
  });
  /** A session due for renewal whose turn has just been answered (resp_2 done), its reply yet to be heard. */
  async function renewalDueAfterAnswer(timeouts: Partial<typeof TEST_TIMEOUTS> = {}) {
    const h = createHarness({ timeouts: { sessionRenewal: 60_000, livenessInterval: 1e9, response: 1e9, ...timeouts } });
    await h.reachWaitingResponse();
    h.fromServer(addItemCall('resp_1', 'cheeseburger', 2));
    await h.advance(60_000);
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    h.fromServer({ type: 'server.response_created', responseId: 'resp_2', tag: null });
    h.fromServer({ type: 'server.response_done', responseId: 'resp_2', status: 'completed' });
    return h;
  }

  it('waits for the reply to be heard out before renewing (regression: a renewal cut the reply off)', async () => {
    const h = await renewalDueAfterAnswer();
    // The reply's audio starts a moment after its response is done, as the local server's does.
    await h.advance(TEST_TIMEOUTS.replyGrace / 2);
    h.fromServer({ type: 'server.speaking_started', responseId: 'resp_2' });
    await h.advance(TEST_TIMEOUTS.replyGrace + 5_000);
    expect(h.connectionsClosed()).toBe(0);
    h.fromServer({ type: 'server.speaking_stopped' });
    await h.advance(0);
    expect(h.connectionsClosed()).toBe(1);
    expect(h.connectionsOpened()).toBe(2);
  });

  it('renews anyway when the end of the reply is never reported', async () => {
    const h = await renewalDueAfterAnswer();
    h.fromServer({ type: 'server.speaking_started', responseId: 'resp_2' });
    await h.advance(TEST_TIMEOUTS.replyGrace);
    await h.advance(TEST_TIMEOUTS.renewalSpeechCap - 1);
    expect(h.connectionsClosed()).toBe(0);
    await h.advance(1);
    expect(h.connectionsClosed()).toBe(1);
  });

  it('lets a press during the wait start the turn at once, and renews after that turn', async () => {
    const h = await renewalDueAfterAnswer();
    h.fromServer({ type: 'server.speaking_started', responseId: 'resp_2' });
    await h.recordTurn();
    expect(h.turn()).not.toBe('idle');
    expect(h.connectionsClosed()).toBe(0);
  });
});
