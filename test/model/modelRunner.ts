/**
 * Model-based runs of the real turn machine: random sequences of what customers, the
 * network and the service can do, on XState's simulated clock, with every promise of
 * the machine checked after every step. A failing sequence is shrunk to a short one
 * that still fails and printed with its seed, so it replays exactly.
 */

import { createActor, fromCallback, fromPromise, SimulatedClock } from 'xstate';
import { voiceMachine } from '../../machines/voiceMachine.ts';
import { connectionStateOf, turnStateOf, type VoiceSnapshot } from '../../machines/voiceMachine.selectors.ts';
import { applyToolCall, type Cart } from '../../machines/cart.ts';
import {
  DEFAULT_TIMEOUTS,
  type ConnectionActorInput,
  type ConnectionCommand,
  type ConnectionCredentials,
  type ConnectionEvent,
  type TokenActorInput,
  type VoiceEvent,
} from '../../machines/voiceMachine.types.ts';
import { isRetryable } from '../../machines/notices.ts';
import { RealtimeEventHandler } from '../../src/voice/realtimeEventHandler.ts';
import { RESPONSE_TAG_FIELD } from '../../src/protocol/realtimeEvents.ts';
import { createRng, type Rng } from './rng.ts';
import { SimulatedRealtimeServer, type ServerBehaviour } from './simulatedRealtimeServer.ts';

export type Step =
  /** A customer saying something: press, hold, release, and the post-roll passing. */
  | { do: 'speak'; holdMs: number }
  | { do: 'press' }
  | { do: 'release' }
  /** The next message off the input wire (commit acks, transcripts) or the response wire. */
  | { do: 'deliver'; wire: 'input' | 'response' }
  | { do: 'fault'; fault: 'drop' | 'duplicate' | 'resend_new_id' | 'stale' | 'garbage' }
  | { do: 'stray'; kind: number }
  | { do: 'advance'; ms: number }
  | { do: 'link_lost'; stale: boolean }
  | { do: 'link_failed' }
  | { do: 'stale_open' }
  | { do: 'session_expired' }
  | { do: 'new_conversation' }
  | { do: 'force_reset' }
  | { do: 'disconnect' }
  | { do: 'connect' }
  | { do: 'token'; outcome: 'ok' | 'fail' | 'hang' }
  | { do: 'send_throws' }
  | { do: 'network'; online: boolean };

export interface Failure {
  invariant: string;
  detail: string;
  atStep: number;
}

export interface SequenceResult {
  failure: Failure | null;
  steps: number;
}

const T = DEFAULT_TIMEOUTS;
/** Most clock steps are the short gaps inside a turn; some reach the timeouts. */
const SHORT_STEPS = [1, 30, T.minRecording + 1, T.postRoll + 1];
const LONG_STEPS = [1_000, T.commit, T.sessionUpdate, T.transcript, T.response, T.reconnect * 4, T.reconnectCap, 60_000];
/** Long enough for every wait to have ended: the sum of the timeouts, plus the longest reconnect pause. */
const QUIESCENCE_BUDGET_MS =
  T.token + T.connect + T.sessionUpdate + T.maxRecording + T.postRoll + T.commit + T.transcript + T.response * 2 + T.reconnectCap;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** A random sequence: mostly the protocol going its way, with customers, faults and time thrown in. */
export function generateSequence(rng: Rng, length: number): Step[] {
  const steps: Step[] = [{ do: 'connect' }];
  const clockStep = (): Step => ({ do: 'advance', ms: rng() < 0.75 ? pick(rng, SHORT_STEPS) : pick(rng, LONG_STEPS) });
  for (let index = 0; index < length; index += 1) {
    const roll = rng();
    if (roll < 0.42) steps.push({ do: 'deliver', wire: rng() < 0.5 ? 'input' : 'response' });
    else if (roll < 0.5) steps.push({ do: 'speak', holdMs: pick(rng, [T.minRecording + 1, 600, 2_000]) });
    else if (roll < 0.56) steps.push({ do: 'press' });
    else if (roll < 0.62) steps.push({ do: 'release' });
    else if (roll < 0.82) steps.push(clockStep());
    else if (roll < 0.86) steps.push({ do: 'fault', fault: pick(rng, ['drop', 'duplicate', 'resend_new_id', 'stale', 'garbage'] as const) });
    else if (roll < 0.88) steps.push({ do: 'stray', kind: Math.floor(rng() * 100) });
    else if (roll < 0.9) steps.push({ do: 'new_conversation' });
    else if (roll < 0.91) steps.push({ do: 'link_lost', stale: rng() < 0.4 });
    else if (roll < 0.915) steps.push({ do: 'link_failed' });
    else if (roll < 0.925) steps.push({ do: 'stale_open' });
    else if (roll < 0.93) steps.push({ do: 'session_expired' });
    else if (roll < 0.935) steps.push({ do: 'force_reset' });
    else if (roll < 0.94) steps.push({ do: 'disconnect' });
    else if (roll < 0.955) steps.push({ do: 'connect' });
    else if (roll < 0.975) steps.push({ do: 'token', outcome: pick(rng, ['ok', 'ok', 'fail', 'hang'] as const) });
    else if (roll < 0.98) steps.push({ do: 'send_throws' });
    else steps.push(clockStep());
  }
  return steps;
}

/** Server behaviour for a run, drawn from its seed: some services never echo metadata. */
export function behaviourFor(rng: Rng): ServerBehaviour {
  return {
    echoMetadata: rng() < 0.75,
    transcriptionFailure: rng() * 0.2,
    responseFailure: rng() * 0.2,
    commitRefusal: rng() * 0.1,
    toolCall: 0.3 + rng() * 0.6,
  };
}

class InvariantError extends Error {
  readonly invariant: string;
  constructor(invariant: string, detail: string) {
    super(detail);
    this.invariant = invariant;
  }
}

const flushPromises = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs one sequence against a fresh machine; returns the first broken promise, if any. */
export async function runSequence(seed: number, steps: readonly Step[]): Promise<SequenceResult> {
  const rng = createRng(seed);
  const behaviour = behaviourFor(rng);
  const clock = new SimulatedClock();
  const handler = new RealtimeEventHandler({ warn: () => undefined, debug: () => undefined });
  let server: SimulatedRealtimeServer | null = null;
  let sendBack: ((event: VoiceEvent) => void) | null = null;
  let liveGeneration = -1;
  let tokenOutcome: 'ok' | 'fail' | 'hang' = 'ok';
  let sendThrows = false;
  let conversation = 0;

  // What the client has done and seen, kept apart from the machine's own bookkeeping.
  let micOn = false;
  /** Milliseconds of microphone audio since the last commit or clear, and since when it is on. */
  let audioMs = 0;
  let micOnSince = 0;
  let currentStep: Step | null = null;
  /** The user disconnected and has not asked to connect since: nothing may reconnect. */
  let userDisconnected = false;
  let tokenFetches = 0;
  let createsThisStep = 0;
  let threwThisStep = false;
  let expiryCount = 0;
  /** Broken promises seen inside the connection actor; thrown from there they would look like a link failure. */
  const violations: InvariantError[] = [];
  const outstandingTags = new Set<string>();
  let outstandingUntagged = 0;
  const activeResponses = new Set<string>();
  const appliedCalls = new Set<string>();
  let delivered: Record<string, unknown> | null = null;
  const pastItems: string[] = [];

  const resetClientView = () => {
    micOn = false;
    audioMs = 0;
    outstandingTags.clear();
    outstandingUntagged = 0;
    activeResponses.clear();
  };

  const machine = voiceMachine.provide({
    actors: {
      fetchSessionToken: fromPromise<ConnectionCredentials, TokenActorInput>(() => {
        tokenFetches += 1;
        if (userDisconnected) violations.push(new InvariantError('disconnect wins over a pending reconnect', 'a token was fetched'));
        if (tokenOutcome === 'hang') return new Promise<ConnectionCredentials>(() => undefined);
        if (tokenOutcome === 'fail') return Promise.reject(Object.assign(new Error('refused'), { reason: 'token_failed' }));
        return Promise.resolve({ token: 'ek_model', callsUrl: 'http://127.0.0.1/v1/realtime/calls', expiresAt: null });
      }),
      realtimeConnection: fromCallback<ConnectionCommand, ConnectionActorInput, ConnectionEvent>(({ input, sendBack: back, receive }) => {
        handler.beginConnection(input.generation);
        liveGeneration = input.generation;
        server = new SimulatedRealtimeServer(rng, behaviour);
        server.conversation = conversation;
        resetClientView();
        const thisServer = server;
        sendBack = back as (event: VoiceEvent) => void;
        receive((command) => {
          if (sendThrows) {
            sendThrows = false;
            threwThisStep = true;
            // An actor that throws ends without its cleanup: its microphone is gone with it.
            resetClientView();
            throw new Error('the data channel refused to send');
          }
          if (command.type === 'microphone') {
            if (command.enabled && !micOn) micOnSince = clock.now();
            if (!command.enabled && micOn) audioMs += clock.now() - micOnSince;
            micOn = command.enabled;
            thisServer.microphone(command.enabled);
            return;
          }
          // The simulated service plays no audio; a truncate changes nothing it models.
          if (command.type === 'truncate_reply') return;
          const heard = audioMs + (micOn ? clock.now() - micOnSince : 0);
          if (command.event.type === 'input_audio_buffer.commit' || command.event.type === 'input_audio_buffer.clear') {
            const discarding = command.event.type === 'input_audio_buffer.clear' && heard >= T.minRecording;
            if (discarding && currentStep?.do !== 'new_conversation') {
              violations.push(new InvariantError('what the customer said is committed, never cleared', `${heard} ms of audio cleared`));
            }
            audioMs = 0;
            micOnSince = clock.now();
          }
          if (command.event.type === 'response.create') {
            createsThisStep += 1;
            if (outstandingTags.size + outstandingUntagged > 0) {
              violations.push(new InvariantError('one response.create at a time', 'response.create sent while another was outstanding'));
            }
            if (activeResponses.size > 0) {
              violations.push(
                new InvariantError('no response.create while a response is active', `active: ${[...activeResponses].join(',')}`),
              );
            }
            const tag = (command.event.response as { metadata?: Record<string, string> } | undefined)?.metadata?.[RESPONSE_TAG_FIELD];
            if (tag && behaviour.echoMetadata) outstandingTags.add(tag);
            else outstandingUntagged += 1;
          }
          // The wire carries JSON: what cannot be serialised would never arrive.
          thisServer.receive(JSON.parse(JSON.stringify(command.event)) as Record<string, unknown>);
        });
        return () => {
          if (server === thisServer) {
            server = null;
            sendBack = null;
            resetClientView();
          }
        };
      }),
    },
  });
  const actor = createActor(machine, {
    clock,
    // Sessions come of age within a run, so renewals between (and around) turns are exercised.
    input: { session: { instructions: 'model', tools: [] }, autoReconnect: true, timeouts: { sessionRenewal: 120_000 } },
  });
  // Errors thrown inside actions surface here; the invariant errors are what we are after.
  let thrown: unknown = null;
  actor.subscribe({
    error: (error) => {
      thrown = error;
      if (process.env.MODEL_TRACE) console.log('machine errored in', JSON.stringify(actor.getSnapshot().value));
    },
  });
  actor.start();

  const snapshot = (): VoiceSnapshot => actor.getSnapshot();
  const isOfflineOrIdle = () =>
    snapshot().matches('offline') || snapshot().matches({ online: { connection: { ready: 'idle' } } });

  const deliverRaw = (raw: string, generation = liveGeneration) => {
    const handled = handler.handleRawMessage(raw, generation);
    for (const event of handled.events) {
      if (!sendBack) return;
      observeServerEvent(event);
      sendBack(event);
    }
  };

  const observeServerEvent = (event: VoiceEvent) => {
    delivered = event as unknown as Record<string, unknown>;
    if (event.type === 'server.response_created') {
      if (event.tag !== null && outstandingTags.has(event.tag)) outstandingTags.delete(event.tag);
      else if (event.tag === null && outstandingUntagged > 0) outstandingUntagged -= 1;
      activeResponses.add(event.responseId);
    } else if (event.type === 'server.response_done') {
      activeResponses.delete(event.responseId);
    } else if (event.type === 'server.error' && event.code === 'conversation_already_has_active_response') {
      outstandingTags.clear();
      outstandingUntagged = 0;
    } else if (event.type === 'server.input_committed' && event.itemId) {
      pastItems.push(event.itemId);
    }
  };

  const settle = async () => {
    if (snapshot().matches({ online: 'fetching_token' })) await flushPromises();
  };

  let pressedWhileConnecting = false;

  const checkStep = (step: Step, before: VoiceSnapshot, cartBefore: Cart) => {
    const after = snapshot();
    if (thrown) throw thrown;
    const violation = violations[0] ?? (server ? protocolViolation(server) : null);
    if (violation) throw violation;
    if (after.status !== 'active') throw new InvariantError('the machine keeps running', `status ${after.status}`);
    if (micOn && !after.hasTag('recording')) {
      throw new InvariantError('the microphone is on only while recording', `mic on in ${JSON.stringify(after.value)}`);
    }
    if (createsThisStep > 0 && turnStateOf(after) === 'recording') {
      throw new InvariantError('no response.create while recording', JSON.stringify(after.value));
    }
    if (step.do === 'force_reset' && connectionStateOf(after) !== 'offline') {
      throw new InvariantError('force_reset reaches offline', JSON.stringify(after.value));
    }
    if (step.do === 'press') {
      const wasReady = connectionStateOf(before) === 'ready';
      const failedSend = threwThisStep && after.matches('offline');
      if (wasReady && !after.hasTag('recording') && !failedSend) {
        throw new InvariantError('a press in a ready state records', `${JSON.stringify(before.value)} → ${JSON.stringify(after.value)}`);
      }
      if (!wasReady && !after.hasTag('recording')) pressedWhileConnecting = true;
    }
    if (step.do === 'release' || step.do === 'speak') pressedWhileConnecting = false;
    if (pressedWhileConnecting && connectionStateOf(after) === 'ready') {
      pressedWhileConnecting = false;
      if (connectionStateOf(before) !== 'ready' && !after.hasTag('recording')) {
        throw new InvariantError('a button held while connecting records once ready', JSON.stringify(after.value));
      }
    }
    if (after.matches('offline')) pressedWhileConnecting = false;
    const turn = after.context.turn;
    if (turn?.itemId && turn.commitSeq !== null && server && server.itemsByCommit[turn.commitSeq - 1] !== turn.itemId) {
      throw new InvariantError(
        "a turn's item is the one its own commit created",
        `turn commit #${turn.commitSeq} took ${turn.itemId}, the service created ${server.itemsByCommit[turn.commitSeq - 1]}`,
      );
    }
    checkCart(step, cartBefore, after.context.cart);
  };

  /** The cart changes only by a tool call of this conversation, applied once; "start over" empties it. */
  const checkCart = (step: Step, before: Cart, after: Cart) => {
    if (before === after) return;
    if (step.do === 'new_conversation') {
      if (after.lines.length > 0) throw new InvariantError('start over empties the cart', JSON.stringify(after));
      return;
    }
    const call = delivered;
    if (!call || call.type !== 'server.function_call_done') {
      throw new InvariantError('only tool calls change the cart', `step ${JSON.stringify(step)}`);
    }
    const callId = String(call.callId);
    const issued = server?.toolCalls.get(callId);
    if (!issued) throw new InvariantError('only the service\'s tool calls reach the cart', callId);
    if (issued.conversation !== conversation) {
      throw new InvariantError('nothing from a previous conversation reaches the cart', `${callId} of conversation ${issued.conversation}`);
    }
    if (appliedCalls.has(callId)) throw new InvariantError('each call_id is applied once per conversation', callId);
    appliedCalls.add(callId);
    const expected = applyToolCall(before, String(call.name), String(call.arguments)).cart;
    if (JSON.stringify(expected) !== JSON.stringify(after)) {
      throw new InvariantError('a tool call changes the cart by exactly its effect', callId);
    }
  };

  const noteTimeoutGiveUps = (before: VoiceSnapshot) => {
    // A turn that timed out has given up on its response: it is no longer outstanding.
    const notice = snapshot().context.turnNotice;
    if (notice && notice !== before.context.turnNotice && (notice.code === 'no_response' || notice.code === 'no_transcript')) {
      outstandingTags.clear();
      outstandingUntagged = 0;
      activeResponses.clear();
    }
  };

  const perform = async (step: Step) => {
    switch (step.do) {
      case 'speak':
        userDisconnected = false;
        actor.send({ type: 'press' });
        await settle();
        clock.increment(step.holdMs);
        actor.send({ type: 'release' });
        clock.increment(T.postRoll + 1);
        break;
      case 'press':
        userDisconnected = false;
        actor.send({ type: 'press' });
        // Checked before the token fetch settles: it may fail, and that is said in its own way.
        if (snapshot().matches('offline') && !threwThisStep) {
          throw new InvariantError('a press while offline reconnects', JSON.stringify(snapshot().value));
        }
        break;
      case 'disconnect':
        userDisconnected = true;
        actor.send({ type: 'disconnect' });
        break;
      case 'connect':
        userDisconnected = false;
        actor.send({ type: 'connect' });
        break;
      case 'release':
      case 'force_reset':
        actor.send({ type: step.do });
        break;
      case 'new_conversation':
        conversation += 1;
        if (server) server.conversation = conversation;
        appliedCalls.clear();
        actor.send({ type: 'new_conversation' });
        break;
      case 'deliver': {
        if (pendingOpen()) break;
        const raw = server?.nextMessage(step.wire === 'response');
        if (raw) deliverRaw(raw);
        break;
      }
      case 'fault': {
        const raw = server?.nextMessage(rng() < 0.5, true);
        if (!raw || !server) break;
        if (step.fault === 'duplicate') {
          deliverRaw(raw);
          deliverRaw(raw);
        } else if (step.fault === 'resend_new_id') {
          // Resending an ack or a creation would be a different protocol; the rest may repeat.
          deliverRaw(raw);
          if (!/"type":"(input_audio_buffer\.committed|response\.created|error)"/.test(raw)) deliverRaw(server.resentWithNewId(raw));
        } else if (step.fault === 'stale') {
          deliverRaw(raw, liveGeneration - 1);
        } else if (step.fault === 'garbage') {
          deliverRaw('{"type":');
          deliverRaw(raw);
        }
        // 'drop': the message is lost on the wire.
        break;
      }
      case 'stray':
        if (server) deliverRaw(server.strayEvent(step.kind, pastItems));
        break;
      case 'advance':
        clock.increment(step.ms);
        break;
      case 'link_lost':
        sendBack?.({ type: 'connection.lost', generation: step.stale ? liveGeneration - 1 : liveGeneration, message: 'lost' });
        break;
      case 'link_failed':
        sendBack?.({ type: 'connection.failed', generation: liveGeneration, reason: 'connect_failed', message: 'failed' });
        break;
      case 'stale_open':
        sendBack?.({ type: 'connection.channel_open', generation: liveGeneration - 1 });
        break;
      case 'session_expired':
                expiryCount += 1;
        if (server) deliverRaw(JSON.stringify({ type: 'error', event_id: `evt_expired_${expiryCount}`, error: { code: 'session_expired', message: 'expired' } }));
        break;
      case 'token':
        tokenOutcome = step.outcome;
        break;
      case 'send_throws':
        sendThrows = true;
        break;
      case 'network':
        actor.send({ type: step.online ? 'network.online' : 'network.offline' });
        break;
    }
    await settle();
  };

  /** The channel opens as the first thing a new connection does; the driver lets it happen. */
  let openedGeneration = -1;
  const pendingOpen = () => {
    if (!server || !sendBack || openedGeneration === liveGeneration) return false;
    openedGeneration = liveGeneration;
    server.open();
    observeOpen();
    return true;
  };
  const observeOpen = () => sendBack?.({ type: 'connection.channel_open', generation: liveGeneration });

  const quiesce = async (responsive: boolean, atStep: number) => {
    const start = clock.now();
    const turnsBefore = snapshot().context.turnsCompleted;
    const inTurn = snapshot().context.turn !== null;
    for (let guard = 0; guard < 10_000; guard += 1) {
      if (isOfflineOrIdle() && !(responsive && server?.hasMessages())) {
        const context = snapshot().context;
        if (snapshot().matches('offline') && !context.disconnectReason) {
          throw new InvariantError('offline says why', `at step ${atStep}`);
        }
        if (!snapshot().matches('offline') && inTurn && context.turnsCompleted === turnsBefore && !context.turnNotice) {
          throw new InvariantError('a turn that did not end normally says why', `at step ${atStep}`);
        }
        if (snapshot().matches('offline') && context.reconnectSchedule) {
          // A countdown on screen is a promise: the reconnect must come when it says.
          const fetchesBefore = tokenFetches;
          clock.increment(context.reconnectSchedule.delayMs);
          await settle();
          if (tokenFetches === fetchesBefore) {
            throw new InvariantError('a scheduled reconnect happens when it says', context.disconnectReason?.code ?? '');
          }
        }
        if (snapshot().matches('offline') && !context.reconnectSchedule && willRetryByItself(context)) {
          throw new InvariantError('a kiosk in service keeps reconnecting', `no reconnect scheduled after ${context.disconnectReason?.code}`);
        }
        return;
      }
      if (clock.now() - start > QUIESCENCE_BUDGET_MS) {
        throw new InvariantError('never stuck: idle or offline within the sum of the timeouts', JSON.stringify(snapshot().value));
      }
      if (responsive && (pendingOpen() || server?.hasMessages())) {
        const raw = server?.nextMessage(rng() < 0.5, true);
        if (raw) deliverRaw(raw);
      } else {
        clock.increment(Math.max(1, nextTimerIn(clock)));
      }
      await settle();
    }
    throw new InvariantError('never stuck', 'the machine kept busy without end');
  };

  let index = 0;
  try {
    for (; index < steps.length; index += 1) {
      const step = steps[index] as Step;
      const before = snapshot();
      if (process.env.MODEL_TRACE) console.log(index, JSON.stringify(step), JSON.stringify(before.value));
      currentStep = step;
      createsThisStep = 0;
      threwThisStep = false;
      delivered = null;
      await perform(step);
      noteTimeoutGiveUps(before);
      checkStep(step, before, before.context.cart);
    }
    // With no further input, every wait ends: whether the service keeps answering or falls silent.
    tokenOutcome = rng() < 0.5 ? 'ok' : tokenOutcome;
    await quiesce(rng() < 0.6, index);
    return { failure: null, steps: steps.length };
  } catch (error) {
    const invariant = error instanceof InvariantError ? error.invariant : 'no exception escapes';
    const detail = error instanceof Error ? error.message : String(error);
    if (process.env.MODEL_TRACE && error instanceof Error) console.log(error.stack);
    return { failure: { invariant, detail, atStep: index }, steps: steps.length };
  } finally {
    actor.stop();
  }
}

function protocolViolation(server: SimulatedRealtimeServer): InvariantError | null {
  const violation = server.protocolViolations[0];
  return violation ? new InvariantError('the client speaks the protocol', violation) : null;
}

/** What the kiosk promises: in service, with the network up, a curable reason always has a retry coming. */
function willRetryByItself(context: VoiceSnapshot['context']): boolean {
  const reason = context.disconnectReason?.code;
  return context.inService && context.networkOnline && reason !== undefined && isRetryable(reason);
}

/** Milliseconds until the simulated clock's next timer is due (its timer list is plain data). */
function nextTimerIn(clock: SimulatedClock): number {
  const timers = (clock as unknown as { timeouts: Map<number, { start: number; timeout: number }> }).timeouts;
  let next = Infinity;
  for (const timer of timers.values()) next = Math.min(next, timer.start + timer.timeout - clock.now());
  return Number.isFinite(next) ? next : 1_000;
}

/** Removes ever smaller chunks while the same promise still breaks: a short sequence to read. */
export async function shrink(seed: number, steps: Step[], invariant: string): Promise<Step[]> {
  let current = steps;
  for (let chunk = Math.floor(current.length / 2); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start + chunk <= current.length; ) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      const result = await runSequence(seed, candidate);
      if (result.failure?.invariant === invariant) current = candidate;
      else start += chunk;
    }
  }
  return current;
}

export interface ModelRunReport {
  runs: number;
  steps: number;
  failure: { seed: number; invariant: string; detail: string; shrunk: Step[] } | null;
}

/** Runs `runs` sequences from `firstSeed` on; stops at the first failure and shrinks it. */
export async function runModel(options: { runs: number; firstSeed?: number; length?: number }): Promise<ModelRunReport> {
  const firstSeed = options.firstSeed ?? 1;
  let steps = 0;
  for (let run = 0; run < options.runs; run += 1) {
    const seed = firstSeed + run;
    const rng = createRng(seed ^ 0x5eed);
    const sequence = generateSequence(rng, options.length ?? 20 + Math.floor(rng() * 60));
    const result = await runSequence(seed, sequence);
    steps += result.steps;
    if (result.failure) {
      const shrunk = await shrink(seed, sequence, result.failure.invariant);
      const replay = await runSequence(seed, shrunk);
      return {
        runs: run + 1,
        steps,
        failure: { seed, invariant: result.failure.invariant, detail: replay.failure?.detail ?? result.failure.detail, shrunk },
      };
    }
  }
  return { runs: options.runs, steps, failure: null };
}
