import { describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '../../src/protocol/telemetry.ts';
import { VoiceTelemetryRecorder } from '../../src/telemetry/voiceTelemetry.ts';
import type { TurnTimings } from '../../src/voice/turnMetrics.ts';
import { createHarness, TEST_TIMEOUTS } from '../machineHarness.ts';

const TIMINGS: TurnTimings = { pressToRecording: 5, releaseToCommitted: 120, committedToTranscript: 300, transcriptToFirstAudio: null };

/** The real machine on the simulated clock, its snapshots read by the recorder. */
function recordedHarness(timings: (superseded: boolean) => TurnTimings | null = () => TIMINGS) {
  const h = createHarness({ autoReconnect: true });
  const recorder = new VoiceTelemetryRecorder(timings);
  const events: TelemetryEvent[] = [];
  recorder.observe(h.actor.getSnapshot(), h.clock.now());
  h.actor.subscribe((snapshot) => events.push(...recorder.observe(snapshot, h.clock.now())));
  const turns = () => events.flatMap((event) => (event.kind === 'turn' ? [event.outcome] : []));
  const connections = () => events.flatMap((event) => (event.kind === 'connection' ? [`${event.event}:${event.reason}`] : []));
  return { h, events, turns, connections, recorder };
}

describe('kiosk telemetry read from the turn machine', () => {
  it('reports a connect as connected, not a reconnect, and a completed turn with its latencies once its reply audio starts', async () => {
    let timings = TIMINGS;
    const { h, events, turns, connections, recorder } = recordedHarness(() => timings);
    await h.bringOnline();
    expect(connections()).toEqual(['connected:none']);
    expect(events[0]).toMatchObject({ kind: 'connection', reconnect: false, attempt: 0, connectMs: 0 });

    await h.recordTurn();
    h.fromServer({ type: 'server.input_committed', itemId: 'item_1' });
    h.fromServer({ type: 'server.response_created', responseId: 'resp_1', tag: null });
    h.fromServer({ type: 'server.user_transcript_completed', itemId: 'item_1', transcript: 'hi' });
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    // The response ended before its audio began (as the local server's do): the turn waits for it.
    expect(turns()).toEqual([]);
    timings = { ...TIMINGS, transcriptToFirstAudio: 450 };
    events.push(...recorder.firstAudio());
    expect(turns()).toEqual(['completed']);
    expect(events.at(-1)).toMatchObject({ latencyMs: { release_to_committed: 120, committed_to_transcript: 300, transcript_to_first_audio: 450 } });
    expect(recorder.firstAudio()).toEqual([]);
  });

  it('sends a completed turn whose audio never started when the next turn begins, without that latency', async () => {
    const { h, events, turns } = recordedHarness();
    await h.reachWaitingResponse();
    h.fromServer({ type: 'server.response_done', responseId: 'resp_1', status: 'completed' });
    expect(turns()).toEqual([]);
    h.actor.send({ type: 'press' });
    expect(turns()).toEqual(['completed']);
    expect(events.at(-1)).not.toHaveProperty('latencyMs.transcript_to_first_audio');
  });

  it('reports a turn with no transcript within the timeout as no_transcript', async () => {
    const { h, turns } = recordedHarness();
    await h.bringOnline();
    await h.recordTurn();
    h.fromServer({ type: 'server.input_committed', itemId: 'item_1' });
    await h.advance(TEST_TIMEOUTS.transcript + 1);
    expect(turns()).toEqual(['no_transcript']);
  });

  it('reports a press too short to commit as too_short', async () => {
    const { h, turns } = recordedHarness();
    await h.bringOnline();
    h.actor.send({ type: 'press' });
    h.actor.send({ type: 'release' });
    await h.advance(TEST_TIMEOUTS.postRoll + 1);
    expect(turns()).toEqual(['too_short']);
  });

  it('reports a press that interrupts the answer as a cancelled turn, with the interrupted turn\'s timings', async () => {
    const asked: boolean[] = [];
    const { h, turns } = recordedHarness((superseded) => {
      asked.push(superseded);
      return TIMINGS;
    });
    await h.reachWaitingResponse();
    h.actor.send({ type: 'press' });
    expect(turns()).toEqual(['cancelled']);
    expect(asked).toEqual([true]);
  });

  it('reports a link lost mid-turn as a connection_lost turn and a closed connection, then a reconnect', async () => {
    const { h, events, turns, connections } = recordedHarness();
    await h.bringOnline();
    h.actor.send({ type: 'press' });
    await h.advance(50);
    h.fromServer({ type: 'connection.lost', generation: h.actor.getSnapshot().context.generation, message: 'gone' });
    expect(turns()).toEqual(['connection_lost']);
    expect(connections()).toEqual(['connected:none', 'closed:connection_lost']);

    await h.advance(TEST_TIMEOUTS.reconnect + 1);
    const generation = h.actor.getSnapshot().context.generation;
    await h.advance(200);
    h.fromServer({ type: 'connection.channel_open', generation });
    h.fromServer({ type: 'server.session_updated' });
    expect(connections()).toEqual(['connected:none', 'closed:connection_lost', 'connected:none']);
    // The machine's own count: the first retry after the drop is attempt 1.
    expect(events.at(-1)).toMatchObject({ reconnect: true, attempt: 1, connectMs: 200 });
  });

  it('reports a failed connect with its reason and the attempt it was', async () => {
    const { h, events } = recordedHarness();
    h.actor.send({ type: 'connect' });
    await h.advance(0);
    h.fromServer({ type: 'connection.failed', generation: h.actor.getSnapshot().context.generation, reason: 'connect_failed', message: 'no' });
    expect(events.at(-1)).toMatchObject({ kind: 'connection', event: 'connect_failed', reason: 'connect_failed', attempt: 0, reconnect: false });
  });
});
