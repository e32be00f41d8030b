/**
 * Runs the real voice machine with a simulated clock and a connection actor that
 * records what the machine commanded, so every transition and timeout can be driven
 * without real time or a network.
 */

import { createActor, fromCallback, fromPromise, SimulatedClock } from 'xstate';
import { voiceMachine } from '../machines/voiceMachine.ts';
import { connectionStateOf, turnStateOf } from '../machines/voiceMachine.selectors.ts';
import {
  DEFAULT_TIMEOUTS,
  type ConnectionActorInput,
  type ConnectionCommand,
  type ConnectionCredentials,
  type ConnectionEvent,
  type Timeouts,
  type VoiceEvent,
} from '../machines/voiceMachine.types.ts';

export const TEST_TIMEOUTS: Timeouts = DEFAULT_TIMEOUTS;

/** The assistant's add_item tool call, as the machine receives it. */
export function addItemCall(responseId: string, itemId: string, quantity: number, callId = 'call_1'): VoiceEvent {
  return {
    type: 'server.function_call_done',
    responseId,
    callId,
    name: 'add_item',
    arguments: JSON.stringify({ item_id: itemId, quantity }),
  };
}

export interface Harness {
  actor: ReturnType<typeof createActor<typeof voiceMachine>>;
  clock: SimulatedClock;
  /** Every command the machine sent to the connection, in order. */
  commands: ConnectionCommand[];
  /** Client event types sent over the data channel, in order. */
  sentTypes: () => string[];
  /** Sends an event as if it came from the live connection. */
  fromServer: (event: VoiceEvent) => void;
  connectionsOpened: () => number;
  connectionsClosed: () => number;
  connection: () => string;
  turn: () => string | null;
  advance: (ms: number) => Promise<void>;
  /** Connects and configures: ends in ready/idle. */
  bringOnline: () => Promise<void>;
  /** From idle: press, hold past the minimum, release, pass the post-roll. */
  recordTurn: () => Promise<void>;
  /** Online, one turn recorded and its commit acknowledged (item_1, response.create sent). */
  reachWaitingUserFinal: () => Promise<void>;
  /** …and the response resp_1 started and the transcript "hi" final. */
  reachWaitingResponse: () => Promise<void>;
}

export interface HarnessOptions {
  token?: () => Promise<ConnectionCredentials>;
  timeouts?: Partial<Timeouts>;
  autoReconnect?: boolean;
  jitterSeed?: number;
  /** Makes the connection actor throw on a command, as a data channel's send() can. */
  connectionThrowsOn?: (command: ConnectionCommand) => boolean;
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createHarness(options: HarnessOptions = {}): Harness {
  const clock = new SimulatedClock();
  const commands: ConnectionCommand[] = [];
  let sendBack: ((event: VoiceEvent) => void) | null = null;
  let opened = 0;
  let closed = 0;
  const machine = voiceMachine.provide({
    actors: {
      fetchSessionToken: fromPromise(
        options.token ?? (async () => ({ token: 'ek_test', callsUrl: 'http://127.0.0.1/v1/realtime/calls', expiresAt: null })),
      ),
      realtimeConnection: fromCallback<ConnectionCommand, ConnectionActorInput, ConnectionEvent>(
        ({ sendBack: back, receive }) => {
          opened += 1;
          sendBack = back as (event: VoiceEvent) => void;
          receive((command) => {
            commands.push(command);
            if (options.connectionThrowsOn?.(command)) throw new Error('the data channel refused to send');
          });
          return () => {
            closed += 1;
            sendBack = null;
          };
        },
      ),
    },
  });
  const actor = createActor(machine, {
    clock,
    input: {
      session: { instructions: 'test', tools: [] },
      timeouts: { ...TEST_TIMEOUTS, ...options.timeouts },
      autoReconnect: options.autoReconnect ?? false,
      jitterSeed: options.jitterSeed,
    },
  });
  actor.start();

  const harness: Harness = {
    actor,
    clock,
    commands,
    sentTypes: () =>
      commands.flatMap((command) => (command.type === 'send' ? [String(command.event.type)] : [])),
    fromServer: (event) => {
      if (!sendBack) throw new Error('no live connection to send from');
      sendBack(event);
    },
    connectionsOpened: () => opened,
    connectionsClosed: () => closed,
    connection: () => connectionStateOf(actor.getSnapshot()),
    turn: () => turnStateOf(actor.getSnapshot()),
    advance: async (ms) => {
      clock.increment(ms);
      await flush();
    },
    bringOnline: async () => {
      actor.send({ type: 'connect' });
      await flush();
      const generation = actor.getSnapshot().context.generation;
      harness.fromServer({ type: 'connection.channel_open', generation });
      harness.fromServer({ type: 'server.session_updated' });
    },
    recordTurn: async () => {
      actor.send({ type: 'press' });
      await harness.advance(TEST_TIMEOUTS.minRecording + 1);
      actor.send({ type: 'release' });
      await harness.advance(TEST_TIMEOUTS.postRoll + 1);
    },
    reachWaitingUserFinal: async () => {
      await harness.bringOnline();
      await harness.recordTurn();
      harness.fromServer({ type: 'server.input_committed', itemId: 'item_1' });
    },
    reachWaitingResponse: async () => {
      await harness.reachWaitingUserFinal();
      harness.fromServer({ type: 'server.response_created', responseId: 'resp_1', tag: null });
      harness.fromServer({ type: 'server.user_transcript_completed', itemId: 'item_1', transcript: 'hi' });
    },
  };
  return harness;
}
