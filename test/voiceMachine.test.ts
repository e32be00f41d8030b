import { describe, expect, it } from 'vitest';
import { ORDER_REPORT_LEAD } from '../machines/cart.ts';
import { addItemCall, createHarness, TEST_TIMEOUTS } from './machineHarness.ts';

describe('connection lifecycle', () => {
  it('starts offline and does nothing until asked to connect', () => {
    const h = createHarness();
    expect(h.connection()).toBe('offline');
    expect(h.connectionsOpened()).toBe(0);
  });

  it('fetches a token, opens one connection, sends session.update and becomes ready on session.updated', async () => {
    const h = createHarness();
    h.actor.send({ type: 'connect' });
    expect(h.connection()).toBe('fetching_token');
    await h.advance(0);
    expect(h.connection()).toBe('connecting');
    expect(h.connectionsOpened()).toBe(1);
    h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
    expect(h.connection()).toBe('configuring');
    expect(h.sentTypes()).toEqual(['session.update']);
    h.fromServer({ type: 'server.session_updated' });
    expect(h.connection()).toBe('ready');
    expect(h.turn()).toBe('idle');
  });

  it('opens no second connection for a connect while fetching a token, connecting or ready', async () => {
    const h = createHarness();
    h.actor.send({ type: 'connect' });
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    h.actor.send({ type: 'connect' });
    expect(h.connection()).toBe('connecting');
    h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
    h.fromServer({ type: 'server.session_updated' });
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    expect(h.connection()).toBe('ready');
    expect(h.connectionsOpened()).toBe(1);
  });

  it('goes offline with reason "token_timeout" when the token endpoint never answers', async () => {
    const h = createHarness({ token: () => new Promise(() => undefined) });
    h.actor.send({ type: 'connect' });
    await h.advance(TEST_TIMEOUTS.token - 1);
    expect(h.connection()).toBe('fetching_token');
    await h.advance(1);
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('token_timeout');
  });

  it('goes offline with the reason the token fetch failed with', async () => {
    const h = createHarness({
      token: async () => {
        throw Object.assign(new Error('refused'), { reason: 'token_refused' });
      },
    });
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('token_refused');
  });

  it('closes the connection and goes offline with reason "connect_timeout" when the channel never opens', async () => {
    const h = createHarness();
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    await h.advance(TEST_TIMEOUTS.connect);
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('connect_timeout');
    expect(h.connectionsClosed()).toBe(1);
  });

  it('becomes ready without session.updated after the session-update timeout, and says so', async () => {
    const h = createHarness();
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    h.fromServer({ type: 'connection.channel_open', generation: h.actor.getSnapshot().context.generation });
    await h.advance(TEST_TIMEOUTS.sessionUpdate);
    expect(h.turn()).toBe('idle');
    expect(h.actor.getSnapshot().context.turnNotice?.code).toBe('session_update_timeout');
  });

  it('ignores transport events from an older connection generation', async () => {
    const h = createHarness();
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    const generation = h.actor.getSnapshot().context.generation;
    h.fromServer({ type: 'connection.channel_open', generation: generation - 1 });
    expect(h.connection()).toBe('connecting');
    h.fromServer({ type: 'connection.lost', generation: generation - 1, message: 'old' });
    expect(h.connection()).toBe('connecting');
  });

  it('reports a refused microphone as the reason and offers a reconnect on the next press', async () => {
    const h = createHarness();
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    const generation = h.actor.getSnapshot().context.generation;
    h.fromServer({ type: 'connection.failed', generation, reason: 'microphone_denied', message: 'denied' });
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('microphone_denied');
    h.actor.send({ type: 'press' });
    expect(h.connection()).toBe('fetching_token');
  });

  it('reconnects on its own after a lost connection, with a growing pause', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.bringOnline();
    h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });
    expect(h.connection()).toBe('offline');
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('connection_lost');
    await h.advance(TEST_TIMEOUTS.reconnect);
    expect(h.connection()).toBe('connecting');
    expect(h.connectionsOpened()).toBe(2);
    h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });
    await h.advance(TEST_TIMEOUTS.reconnect);
    expect(h.connection()).toBe('offline');
    await h.advance(TEST_TIMEOUTS.reconnect);
    expect(h.connection()).toBe('connecting');
  });

  it('does not reconnect on its own after the user disconnected', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.bringOnline();
    h.actor.send({ type: 'disconnect' });
    await h.advance(TEST_TIMEOUTS.reconnect * 20);
    expect(h.connection()).toBe('offline');
    expect(h.connectionsClosed()).toBe(1);
  });

  it('force_reset closes the connection from any state and leaves the button usable', async () => {
    const h = createHarness();
    await h.bringOnline();
    await h.recordTurn();
    h.actor.send({ type: 'force_reset' });
    expect(h.connection()).toBe('offline');
    expect(h.connectionsClosed()).toBe(1);
    h.actor.send({ type: 'press' });
    expect(h.connection()).toBe('fetching_token');
  });
});

describe('push-to-talk turn', () => {
  it('press enables the microphone after clearing the input buffer; release commits after the post-roll', async () => {
    const h = createHarness();
    await h.bringOnline();
    h.actor.send({ type: 'press' });
    expect(h.turn()).toBe('recording');
    expect(h.commands.at(-1)).toEqual({ type: 'microphone', enabled: true });
    expect(h.sentTypes().at(-1)).toBe('input_audio_buffer.clear');
    await h.advance(TEST_TIMEOUTS.minRecording);
    h.actor.send({ type: 'release' });
    expect(h.turn()).toBe('committing');
    expect(h.sentTypes()).not.toContain('input_audio_buffer.commit');
    await h.advance(TEST_TIMEOUTS.postRoll);
    expect(h.sentTypes().at(-1)).toBe('input_audio_buffer.commit');
    expect(h.commands).toContainEqual({ type: 'microphone', enabled: false });
  });

  it('a press shorter than the minimum is not committed and asks the customer to hold longer', async () => {
    const h = createHarness();
    await h.bringOnline();
    h.actor.send({ type: 'press' });
    await h.advance(TEST_TIMEOUTS.minRecording - 1);
    h.actor.send({ type: 'release' });
    expect(h.turn()).toBe('idle');
    expect(h.sentTypes()).not.toContain('input_audio_buffer.commit');
    expect(h.actor.getSnapshot().context.turnNotice?.code).toBe('too_short');
  });

  it('stops recording by itself after the maximum recording time', async () => {
    const h = createHarness();
    await h.bringOnline();
    h.actor.send({ type: 'press' });
    await h.advance(TEST_TIMEOUTS.maxRecording);
    expect(h.turn()).toBe('committing');
  });

  it('runs a whole turn: committed → response.create → transcript → response done → idle', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    expect(h.turn()).toBe('waiting_user_final');
    expect(h.sentTypes().at(-1)).toBe('response.create');
    h.fromServer({ type: 'server.item_added', itemId: 'item_1', role: 'user' });
    h.fromServer({ type: 'server.user_transcript_delta', itemId: 'item_1', delta: 'two ' });
    h.fromServer({ type: 'server.user_transcript_delta', itemId: 'item_1', delta: 'burgers' });
    h.fromServer({ type: 'server.response_created', responseId: 'resp_1', tag: null });
    h.fromServer({ type: 'server.user_transcript_completed', itemId: 'item_1', transcript: 'two burgers' });
    expect(h.turn()).toBe('waiting_response');
    h.fromServer({ type: 'server.assistant_transcript_delta', responseId: 'resp_1', itemId: 'item_2', delta: 'Done.' });
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    expect(h.turn()).toBe('idle');
    const context = h.actor.getSnapshot().context;
    expect(context.transcripts.item_1).toMatchObject({ role: 'user', text: 'two burgers', final: true });
    expect(context.transcripts.item_2).toMatchObject({ role: 'assistant', text: 'Done.' });
    expect(context.transcriptOrder).toEqual(['item_1', 'item_2']);
    expect(context.turnsCompleted).toBe(1);
  });

  it('treats a commit never acknowledged within the commit timeout as a dead link: closes it and reconnects', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.bringOnline();
    await h.recordTurn();
    await h.advance(TEST_TIMEOUTS.commit - 1);
    expect(h.turn()).toBe('committing');
    await h.advance(1);
    expect(h.connection()).toBe('offline');
    expect(h.connectionsClosed()).toBe(1);
    expect(h.actor.getSnapshot().context.disconnectReason?.code).toBe('connection_lost');
    await h.advance(TEST_TIMEOUTS.reconnect);
    expect(h.connectionsOpened()).toBe(2);
  });

  it('returns to idle with reason "too_short" when the server refuses an empty commit', async () => {
    const h = createHarness();
    await h.bringOnline();
    await h.recordTurn();
    h.fromServer({ type: 'server.error', code: 'input_audio_buffer_commit_empty', message: 'too small' });
    expect(h.turn()).toBe('idle');
    expect(h.actor.getSnapshot().context.turnNotice?.code).toBe('too_short');
  });

  it('returns to idle with reason "no transcript" when none arrives within the transcript timeout', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    await h.advance(TEST_TIMEOUTS.transcript - 1);
    expect(h.turn()).toBe('waiting_user_final');
    await h.advance(1);
    expect(h.turn()).toBe('idle');
    expect(h.actor.getSnapshot().context.turnNotice?.code).toBe('no_transcript');
    h.actor.send({ type: 'press' });
    expect(h.turn()).toBe('recording');
  });

  it('returns to idle with reason "no_response" and cancels when the response never finishes', async () => {
    const h = createHarness();
    await h.reachWaitingResponse();
    await h.advance(TEST_TIMEOUTS.response);
    expect(h.turn()).toBe('idle');
    expect(h.actor.getSnapshot().context.turnNotice?.code).toBe('no_response');
    expect(h.sentTypes()).toContain('response.cancel');
  });

  it('moves on to the response when the transcription fails, and says the words were not made out', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    h.fromServer({ type: 'server.user_transcript_failed', itemId: 'item_1', message: 'bad audio' });
    expect(h.turn()).toBe('waiting_response');
    expect(h.actor.getSnapshot().context.turnNotice?.code).toBe('transcript_failed');
  });

  it('ends the turn with reason "response_failed" when the response fails', async () => {
    const h = createHarness();
    await h.reachWaitingResponse();
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'failed' });
    expect(h.turn()).toBe('idle');
    expect(h.actor.getSnapshot().context.turnNotice?.code).toBe('response_failed');
  });

  it('a press while waiting for the response cancels it and starts recording at once (barge-in)', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    h.fromServer({ type: 'server.response_created', responseId: 'resp_1', tag: null });
    h.fromServer({ type: 'server.speaking_started' });
    h.fromServer({ type: 'server.user_transcript_completed', itemId: 'item_1', transcript: 'hi' });
    h.actor.send({ type: 'press' });
    expect(h.turn()).toBe('recording');
    expect(h.sentTypes().slice(-3)).toEqual(['response.cancel', 'output_audio_buffer.clear', 'input_audio_buffer.clear']);
  });

  it('a press while the reply plays truncates that reply to what was heard, before clearing the audio', async () => {
    const h = createHarness();
    await h.reachWaitingResponse();
    h.fromServer({ type: 'server.assistant_transcript_delta', responseId: 'resp_1', itemId: 'reply_1', delta: 'Two' });
    h.fromServer({ type: 'server.assistant_transcript_done', responseId: 'resp_1', itemId: 'reply_1', transcript: 'Two cheeseburgers added.' });
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    h.fromServer({ type: 'server.speaking_started', responseId: 'resp_1' });
    expect(h.turn()).toBe('idle');
    h.actor.send({ type: 'press' });
    expect(h.turn()).toBe('recording');
    const truncates = h.commands.filter((command) => command.type === 'truncate_reply');
    expect(truncates).toEqual([{ type: 'truncate_reply', itemId: 'reply_1' }]);
    const order = h.commands.map((command) => (command.type === 'send' ? String(command.event.type) : command.type));
    expect(order.indexOf('truncate_reply')).toBeLessThan(order.lastIndexOf('output_audio_buffer.clear'));
  });

  it('truncates nothing when the reply has finished playing, or when the audio playing is not the latest reply', async () => {
    const finished = createHarness();
    await finished.reachWaitingResponse();
    finished.fromServer({ type: 'server.assistant_transcript_done', responseId: 'resp_1', itemId: 'reply_1', transcript: 'Done.' });
    finished.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    finished.fromServer({ type: 'server.speaking_started', responseId: 'resp_1' });
    finished.fromServer({ type: 'server.speaking_stopped' });
    finished.actor.send({ type: 'press' });
    expect(finished.commands.filter((command) => command.type === 'truncate_reply')).toEqual([]);

    const other = createHarness();
    await other.reachWaitingResponse();
    other.fromServer({ type: 'server.assistant_transcript_done', responseId: 'resp_1', itemId: 'reply_1', transcript: 'Done.' });
    other.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    other.fromServer({ type: 'server.speaking_started', responseId: 'resp_unknown' });
    other.actor.send({ type: 'press' });
    expect(other.commands.filter((command) => command.type === 'truncate_reply')).toEqual([]);
    expect(other.sentTypes()).toContain('output_audio_buffer.clear');
  });

  it('a press in every waiting state starts a new recording: the button is never dead', async () => {
    for (const reach of ['committing', 'waiting_user_final', 'waiting_response'] as const) {
      const h = createHarness();
      await h.bringOnline();
      await h.recordTurn();
      if (reach !== 'committing') h.fromServer({ type: 'server.input_committed', itemId: 'item_1' });
      if (reach === 'waiting_response') h.fromServer({ type: 'server.user_transcript_completed', itemId: 'item_1', transcript: 'x' });
      expect(h.turn()).toBe(reach);
      h.actor.send({ type: 'press' });
      expect(h.turn()).toBe('recording');
    }
  });

  it('defers response.create while another response is still active, and sends it when that one is done', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    h.fromServer({ type: 'server.response_created', responseId: 'resp_1', tag: null });
    // Barge in: the old response is cancelled but not finished yet.
    h.actor.send({ type: 'press' });
    await h.advance(TEST_TIMEOUTS.minRecording);
    h.actor.send({ type: 'release' });
    await h.advance(TEST_TIMEOUTS.postRoll);
    h.fromServer({ type: 'server.input_committed', itemId: 'item_2' });
    const creates = () => h.sentTypes().filter((type) => type === 'response.create').length;
    expect(creates()).toBe(1);
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'cancelled' });
    expect(creates()).toBe(2);
    expect(h.turn()).toBe('waiting_user_final');
  });

  it('treats "conversation_already_has_active_response" as recoverable: it retries after the active one ends', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    h.fromServer({ type: 'server.error', code: 'conversation_already_has_active_response', message: 'busy' });
    expect(h.connection()).toBe('ready');
    h.fromServer({ type: 'server.response_done', responseId: 'resp_other', status: 'completed' });
    expect(h.sentTypes().filter((type) => type === 'response.create')).toHaveLength(2);
  });

  it('runs each tool call once per call_id, returns its output, and asks for the follow-up response', async () => {
    const h = createHarness();
    await h.reachWaitingUserFinal();
    h.fromServer({ type: 'server.response_created', responseId: 'resp_1', tag: null });
    h.fromServer({ type: 'server.user_transcript_completed', itemId: 'item_1', transcript: 'two cheeseburgers' });
    const addTwo = { type: 'server.function_call_done', responseId: 'resp_1', callId: 'call_1', name: 'add_item', arguments: '{"item_id":"cheeseburger","quantity":2}' } as const;
    h.fromServer(addTwo);
    h.fromServer(addTwo);
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    expect(h.turn()).toBe('waiting_response');
    expect(h.actor.getSnapshot().context.cart.lines).toMatchObject([{ itemId: 'cheeseburger', quantity: 2 }]);
    const outputs = h.commands.filter((command) => command.type === 'send' && command.event.type === 'conversation.item.create');
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ event: { item: { type: 'function_call_output', call_id: 'call_1' } } });
    expect(h.sentTypes().at(-1)).toBe('response.create');
    h.fromServer({ type: 'server.response_created', responseId: 'resp_2', tag: null });
    h.fromServer({ type: 'server.response_done', responseId: 'resp_2', status: 'completed' });
    expect(h.turn()).toBe('idle');
  });

  it('keeps the cart across a reconnect', async () => {
    const h = createHarness({ autoReconnect: true });
    await h.reachWaitingResponse();
    h.fromServer({ type: 'server.function_call_done', responseId: 'resp_1', callId: 'c', name: 'add_item', arguments: '{"item_id":"cookie","quantity":1}' });
    h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });
    await h.advance(TEST_TIMEOUTS.reconnect);
    expect(h.connectionsOpened()).toBe(2);
    expect(h.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });

  it('a transcript delta for an item never announced creates its entry', async () => {
    const h = createHarness();
    await h.bringOnline();
    h.fromServer({ type: 'server.user_transcript_delta', itemId: 'item_x', delta: 'hello' });
    expect(h.actor.getSnapshot().context.transcripts.item_x).toMatchObject({ role: 'user', text: 'hello' });
  });

  it('keeps the last 40 lines of a long conversation, not every line ever said', async () => {
    const h = createHarness({ timeouts: { livenessInterval: 1e9 } });
    await h.bringOnline();
    for (let index = 1; index <= 100; index += 1) {
      h.fromServer({ type: 'server.user_transcript_completed', itemId: `item_${index}`, transcript: `line ${index}` });
    }
    const { transcriptOrder, transcripts } = h.actor.getSnapshot().context;
    expect(transcriptOrder).toHaveLength(40);
    expect(transcriptOrder[0]).toBe('item_61');
    expect(Object.keys(transcripts)).toHaveLength(40);
  });

  it('new_conversation clears the transcript', async () => {
    const h = createHarness();
    await h.bringOnline();
    h.fromServer({ type: 'server.user_transcript_completed', itemId: 'item_1', transcript: 'hello' });
    h.actor.send({ type: 'new_conversation' });
    expect(h.actor.getSnapshot().context.transcriptOrder).toEqual([]);
  });

  it('tells the session the order is empty when the customer starts over (regression: the agent went on from the last order)', async () => {
    const h = createHarness();
    await h.reachWaitingResponse();
    h.fromServer(addItemCall('resp_1', 'cheeseburger', 2));
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    expect(h.actor.getSnapshot().context.cart.lines).toMatchObject([{ itemId: 'cheeseburger', quantity: 2 }]);
    const before = h.commands.length;
    h.actor.send({ type: 'new_conversation' });
    const updates = h.commands.slice(before).filter((command) => command.type === 'send' && command.event.type === 'session.update');
    expect(updates).toHaveLength(1);
    const update = updates[0];
    const instructions = update?.type === 'send' ? (update.event.session as { instructions: string }).instructions : '';
    expect(instructions).toContain('The order is empty so far.');
    expect(instructions).toContain(`${ORDER_REPORT_LEAD}{"lines":[],"total_cents":0,"confirmed":false}`);
    expect(instructions).not.toContain('Cheeseburger');
  });

  it('leaves no timer running once stopped', async () => {
    const h = createHarness();
    await h.bringOnline();
    await h.recordTurn();
    h.actor.stop();
    expect(h.connectionsClosed()).toBe(1);
    // A simulated clock fires nothing for a stopped actor; advancing must not throw or transition.
    await h.advance(60_000);
    expect(h.actor.getSnapshot().status).toBe('stopped');
  });
});
