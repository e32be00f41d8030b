/**
 * Named regressions: each interleaving here once broke a promise of the turn machine
 * (found by random sequences against the real machine). They assert only what the
 * customer or the service would notice: what was sent, what the screen says, the cart.
 */

import { describe, expect, it } from 'vitest';
import type { ConnectionCommand, VoiceEvent } from '../machines/voiceMachine.types.ts';
import { addItemCall, createHarness, TEST_TIMEOUTS, type Harness } from './machineHarness.ts';

const created = (responseId: string): VoiceEvent => ({ type: 'server.response_created', responseId, tag: null });
const done = (responseId: string, status = 'completed'): VoiceEvent => ({ type: 'server.response_done', responseId, status });
const committed = (itemId: string): VoiceEvent => ({ type: 'server.input_committed', itemId });
const finalTranscript = (itemId: string, transcript = 'two cheeseburgers'): VoiceEvent => ({
  type: 'server.user_transcript_completed',
  itemId,
  transcript,
});
const addTwoCheeseburgers = (responseId: string): VoiceEvent => addItemCall(responseId, 'cheeseburger', 2);

/** Press, hold past the minimum, release: the post-roll is still running. */
async function pressAndRelease(h: Harness): Promise<void> {
  h.actor.send({ type: 'press' });
  await h.advance(TEST_TIMEOUTS.minRecording + 1);
  h.actor.send({ type: 'release' });
}

const sentEvents = (commands: ConnectionCommand[]) =>
  commands.flatMap((command) => (command.type === 'send' ? [command.event] : []));

const count = (h: Harness, type: string) => h.sentTypes().filter((sent) => sent === type).length;

describe('1. a press right after the commit is acknowledged', () => {
  it('cancels the response asked for once it is created, so it never plays over the new recording', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    expect(h.sentTypes().at(-1)).toBe('response.create');
    h.actor.send({ type: 'press' });
    expect(h.turn()).toBe('recording');
    const before = h.commands.length;
    h.fromServer(created('resp_1'));
    const after = sentEvents(h.commands.slice(before));
    expect(after).toContainEqual(expect.objectContaining({ type: 'response.cancel' }));
    expect(after.map((event) => event.type)).toContain('output_audio_buffer.clear');
    expect(h.turn()).toBe('recording');
  });
});

describe('2. quick re-presses while "Sending…" and "Thinking…"', () => {
  it('never has two response.create outstanding nor sends one while recording, and answers the last utterance', async () => {
    const h = createHarness();
    await h.bringOnline();
    const violations: string[] = [];
    let outstanding = 0;
    const deliver = (event: VoiceEvent) => {
      if (event.type === 'server.response_created') outstanding = Math.max(0, outstanding - 1);
      h.fromServer(event);
    };
    h.actor.subscribe(() => undefined);
    const watch = () => {
      const creates = count(h, 'response.create');
      return creates;
    };
    let seenCreates = 0;
    const check = () => {
      const creates = watch();
      for (; seenCreates < creates; seenCreates += 1) {
        outstanding += 1;
        if (outstanding > 1) violations.push('two response.create outstanding');
        if (h.turn() === 'recording') violations.push('response.create sent while recording');
      }
    };
    // Turn 1: released and committed, no ack yet.
    await pressAndRelease(h);
    await h.advance(TEST_TIMEOUTS.postRoll + 1);
    check();
    // Turn 2 starts before turn 1's ack, and commits.
    await pressAndRelease(h);
    await h.advance(TEST_TIMEOUTS.postRoll + 1);
    deliver(committed('item_1'));
    check();
    // Turn 3 starts before anything was created.
    await pressAndRelease(h);
    check();
    await h.advance(TEST_TIMEOUTS.postRoll + 1);
    check();
    deliver(committed('item_2'));
    check();
    deliver(committed('item_3'));
    check();
    // The service answers every response.create it got, in order.
    let responses = 0;
    for (let guard = 0; guard < 10 && outstanding > 0; guard += 1) {
      responses += 1;
      const id = `resp_${responses}`;
      deliver(created(id));
      check();
      deliver(done(id, h.sentTypes().includes('response.cancel') ? 'cancelled' : 'completed'));
      check();
      if (h.turn() === 'waiting_user_final') deliver(finalTranscript('item_3'));
      check();
    }
    expect(violations).toEqual([]);
    // The last utterance was answered: the turn ended normally, not idle with nothing said.
    await h.advance(TEST_TIMEOUTS.response + TEST_TIMEOUTS.transcript);
    expect(h.turn()).toBe('idle');
    expect(h.actor.getSnapshot().context.turnsCompleted).toBe(1);
  });
});

describe('3. late server events belong to the history, not to the current turn', () => {
  it('an ack for an earlier commit does not end the current turn\'s wait for its own', async () => {
    const h = createHarness();
    await h.bringOnline();
    await pressAndRelease(h);
    await h.advance(TEST_TIMEOUTS.postRoll + 1);
    await pressAndRelease(h);
    await h.advance(TEST_TIMEOUTS.postRoll + 1);
    expect(count(h, 'input_audio_buffer.commit')).toBe(2);
    h.fromServer(committed('item_1'));
    expect(h.turn()).toBe('committing');
    expect(count(h, 'response.create')).toBe(0);
    h.fromServer(committed('item_2'));
    expect(h.turn()).toBe('waiting_user_final');
    expect(count(h, 'response.create')).toBe(1);
  });

  it('an older item\'s final transcript does not end the wait for the current item\'s', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    // Barge in and record a second turn before item_1 is transcribed.
    await pressAndRelease(h);
    await h.advance(TEST_TIMEOUTS.postRoll + 1);
    h.fromServer(committed('item_2'));
    expect(h.turn()).toBe('waiting_user_final');
    h.fromServer(finalTranscript('item_1', 'the first words'));
    expect(h.turn()).toBe('waiting_user_final');
    expect(h.actor.getSnapshot().context.transcripts.item_1?.text).toBe('the first words');
    h.fromServer(finalTranscript('item_2'));
    expect(h.turn()).toBe('waiting_response');
  });
});

describe('4. "start over" during a turn', () => {
  it('stops the previous customer\'s answer and keeps its tool calls out of the new order', async () => {
    const h = createHarness();
    await h.reachWaitingResponse();
    h.fromServer({ type: 'server.speaking_started' });
    const before = h.commands.length;
    h.actor.send({ type: 'new_conversation' });
    const after = sentEvents(h.commands.slice(before)).map((event) => event.type);
    expect(after).toContain('response.cancel');
    expect(after).toContain('output_audio_buffer.clear');
    expect(h.turn()).toBe('idle');
    h.fromServer(addTwoCheeseburgers('resp_1'));
    h.fromServer(done('resp_1', 'cancelled'));
    expect(h.actor.getSnapshot().context.cart.lines).toEqual([]);
    expect(count(h, 'conversation.item.create')).toBe(0);
  });

  it('never applies a call_id twice, even when the old response repeats it after the reset', async () => {
    const h = createHarness();
    await h.reachWaitingResponse();
    h.fromServer(addTwoCheeseburgers('resp_1'));
    expect(h.actor.getSnapshot().context.cart.lines).toHaveLength(1);
    h.actor.send({ type: 'new_conversation' });
    h.fromServer(addTwoCheeseburgers('resp_1'));
    expect(h.actor.getSnapshot().context.cart.lines).toEqual([]);
  });

  it('drops what the previous customer said that arrives after the reset', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    h.actor.send({ type: 'new_conversation' });
    h.fromServer(finalTranscript('item_1', 'the last customer'));
    h.fromServer({ type: 'server.assistant_transcript_delta', responseId: 'resp_old', itemId: 'item_9', delta: 'x' });
    h.fromServer(created('resp_old'));
    h.fromServer({ type: 'server.assistant_transcript_delta', responseId: 'resp_old', itemId: 'item_10', delta: 'Sure, two…' });
    expect(h.actor.getSnapshot().context.transcripts.item_1).toBeUndefined();
    expect(h.actor.getSnapshot().context.transcripts.item_10).toBeUndefined();
  });
});

describe('5. a response that ends badly while the transcript is pending', () => {
  for (const status of ['failed', 'cancelled', 'incomplete']) {
    it(`ends the turn with a notice when the response is ${status}, and does not count it as completed`, async () => {
      const h = createHarness();
      await h.reachWaitingUserFinal();
      h.fromServer(created('resp_1'));
      h.fromServer(done('resp_1', status));
      expect(h.turn()).toBe('idle');
      const { turnNotice, turnsCompleted } = h.actor.getSnapshot().context;
      expect(turnNotice?.code).toMatch(/^response_(failed|cancelled)$/);
      expect(turnsCompleted).toBe(0);
    });
  }
});

describe('6. tool outputs across a reconnect', () => {
  it('drops outputs for calls the new session never heard of', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.reachWaitingResponse();
    h.fromServer(addTwoCheeseburgers('resp_1'));
    h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });
    await h.advance(TEST_TIMEOUTS.reconnect);
    expect(h.connection()).toBe('connecting');
    const before = h.commands.length;
    h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
    h.fromServer({ type: 'server.session_updated' });
    await h.recordTurn();
    h.fromServer(committed('item_9'));
    h.fromServer(created('resp_9'));
    h.fromServer(finalTranscript('item_9', 'a coke'));
    h.fromServer(done('resp_9'));
    expect(h.turn()).toBe('idle');
    const onNewSession = sentEvents(h.commands.slice(before)).map((event) => event.type);
    expect(onNewSession).not.toContain('conversation.item.create');
    expect(onNewSession.filter((type) => type === 'response.create')).toHaveLength(1);
    expect(h.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });
});

describe('7. reconnecting, and saying so', () => {
  it('keeps reconnecting after sessions that became ready through the session-update timeout', async () => {
    const h = createHarness({ autoReconnect: true });
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    for (let drop = 1; drop <= 6; drop += 1) {
      h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
      await h.advance(TEST_TIMEOUTS.sessionUpdate);
      expect(h.turn()).toBe('idle');
      h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });
      expect(h.actor.getSnapshot().context.reconnectSchedule).not.toBeNull();
      // Longer than the longest pause: what is asserted is whether it reconnects at all.
      await h.advance(TEST_TIMEOUTS.reconnectCap);
      expect(h.connectionsOpened()).toBe(drop + 1);
    }
  });

  it('schedules no reconnect, and so shows no countdown, when none will follow', async () => {
    const h = createHarness({ autoReconnect: false });
    await h.bringOnline();
    h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.reconnectSchedule).toBeNull();
  });
});

describe('8. disconnect during the reconnect pause', () => {
  it('wins: the machine stays offline', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.bringOnline();
    h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });
    h.actor.send({ type: 'disconnect' });
    await h.advance(TEST_TIMEOUTS.reconnect * 40);
    expect(h.connection()).toBe('offline');
    expect(h.connectionsOpened()).toBe(1);
  });
});

describe('9. a connection actor that throws', () => {
  it('goes offline with a reason, and the button and force_reset still work', async () => {
    const h = createHarness({
      connectionThrowsOn: (command) => command.type === 'send' && command.event.type === 'input_audio_buffer.clear',
    });
    await h.bringOnline();
    h.actor.send({ type: 'press' });
    await h.advance(0);
    expect(h.actor.getSnapshot().status).toBe('active');
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('connection_lost');
    h.actor.send({ type: 'force_reset' });
    expect(h.connection()).toBe('offline');
    h.actor.send({ type: 'press' });
    expect(h.connection()).toBe('fetching_token');
  });
});

describe('10. design gaps', () => {
  it('a customer who holds the button while the kiosk connects is recorded once it is ready', async () => {
    const h = createHarness();
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    h.actor.send({ type: 'press' });
    expect(h.connection()).toBe('connecting');
    h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
    h.fromServer({ type: 'server.session_updated' });
    expect(h.turn()).toBe('recording');
    expect(h.commands.at(-1)).toEqual({ type: 'microphone', enabled: true });
  });

  it('a press released before the kiosk is ready records nothing', async () => {
    const h = createHarness();
    h.actor.send({ type: 'press' });
    await h.advance(0);
    h.actor.send({ type: 'release' });
    h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
    h.fromServer({ type: 'server.session_updated' });
    expect(h.turn()).toBe('idle');
  });

  it('a press within the post-roll commits what was just said before starting the new turn', async () => {
    const h = createHarness();
    await h.bringOnline();
    await pressAndRelease(h);
    await h.advance(TEST_TIMEOUTS.postRoll / 2);
    const before = h.sentTypes().length;
    h.actor.send({ type: 'press' });
    expect(h.turn()).toBe('recording');
    const after = h.sentTypes().slice(before);
    expect(after).toContain('input_audio_buffer.commit');
    expect(after.indexOf('input_audio_buffer.commit')).toBeLessThan(after.indexOf('input_audio_buffer.clear'));
  });
});
