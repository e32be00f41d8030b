/**
 * Replay: every server message of one live spoken order (recorded from the local server
 * by `npm run record:turn`, test/fixtures/realistic-turn.json) fed through the real event
 * handler into the real machine must end where the live page ended
 * (realistic-turn.outcome.json, what the page showed): the same transcript, reply and
 * order. The same messages under the older beta event names must end there too, since
 * a deployment may still send those.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BETA_EVENT_ALIASES } from '../src/protocol/realtimeEvents.ts';
import { RealtimeEventHandler } from '../src/voice/realtimeEventHandler.ts';
import { createHarness } from './machineHarness.ts';

interface Outcome {
  userTranscript: string;
  assistantReply: string;
  cart: { itemId: string; quantity: number; label: string }[];
}

const recording = JSON.parse(readFileSync('test/fixtures/realistic-turn.json', 'utf8')) as string[];
const outcome = JSON.parse(readFileSync('test/fixtures/realistic-turn.outcome.json', 'utf8')) as Outcome;

const silent = { warn: () => undefined, debug: () => undefined };

/** GA name → beta name, for the events that had one. */
const BETA_NAMES = new Map<string, string>([...BETA_EVENT_ALIASES].map(([beta, ga]) => [ga, beta]));

function asBeta(raw: string): string {
  const event = JSON.parse(raw) as { type: string };
  const beta = BETA_NAMES.get(event.type);
  return beta ? JSON.stringify({ ...event, type: beta }) : raw;
}

async function replay(messages: string[]) {
  const harness = createHarness();
  const handler = new RealtimeEventHandler(silent);
  harness.actor.send({ type: 'connect' });
  await harness.advance(0);
  const { generation } = harness.actor.getSnapshot().context;
  handler.beginConnection(generation);
  harness.fromServer({ type: 'connection.channel_open', generation });
  let spoke = false;
  for (const raw of messages) {
    const type = (JSON.parse(raw) as { type: string }).type;
    // The customer holds the button and speaks where the live customer did: before the
    // commit is acknowledged (the clears before it answer the idle kiosk's liveness checks).
    if (!spoke && type === 'input_audio_buffer.committed') {
      spoke = true;
      await harness.recordTurn();
    }
    for (const event of handler.handleRawMessage(raw, generation).events) harness.fromServer(event);
    await harness.advance(0);
  }
  const { context } = harness.actor.getSnapshot();
  const said = (role: 'user' | 'assistant') =>
    context.transcriptOrder.map((id) => context.transcripts[id]).filter((entry) => entry?.role === role && entry.final).map((entry) => entry?.text);
  return {
    user: said('user'),
    assistant: said('assistant'),
    cart: context.cart.lines.map((line) => ({
      itemId: line.itemId,
      quantity: line.quantity,
      label: `${line.size ? `${line.size[0]?.toUpperCase()}${line.size.slice(1)} ` : ''}${line.name}`,
    })),
    turn: harness.turn(),
    counters: handler.counters,
    sent: harness.sentTypes(),
  };
}

describe('a recorded live turn, replayed through the handler and the machine', () => {
  it('is a whole GA turn: the recording holds every lifecycle event of the reference', () => {
    const types = new Set(recording.map((raw) => (JSON.parse(raw) as { type: string }).type));
    for (const type of [
      'session.created',
      'session.updated',
      'input_audio_buffer.committed',
      'conversation.item.added',
      'conversation.item.done',
      'conversation.item.input_audio_transcription.completed',
      'response.created',
      'response.function_call_arguments.done',
      'response.content_part.added',
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'response.done',
      'output_audio_buffer.started',
      'output_audio_buffer.stopped',
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it('ends with the transcript, reply and order the live page showed', async () => {
    const result = await replay(recording);
    expect(result.user).toEqual([outcome.userTranscript]);
    expect(result.assistant).toEqual([outcome.assistantReply]);
    expect(result.cart).toEqual(outcome.cart);
    expect(result.turn).toBe('idle');
    expect(result.counters).toMatchObject({ malformed: 0, unknown: 0, invalid: 0, duplicate: 0, orphanDeltas: 0 });
    expect(result.counters.accepted).toBe(recording.length);
  });

  it('ends the same under the beta event names', async () => {
    const beta = recording.map(asBeta);
    expect(beta.filter((raw, index) => raw !== recording[index]).length).toBeGreaterThan(10);
    const [ga, old] = await Promise.all([replay(recording), replay(beta)]);
    expect({ ...old, counters: null }).toEqual({ ...ga, counters: null });
    expect(old.counters).toMatchObject({ malformed: 0, unknown: 0, invalid: 0 });
  });
});
