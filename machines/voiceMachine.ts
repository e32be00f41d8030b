/**
 * The voice turn machine: the connection lifecycle and the push-to-talk turn.
 *
 * Its first promise is that it never deadlocks: every state that waits on something
 * outside the user has an `after` timeout back to a state the user can act from, with
 * the reason recorded for the UI. Effects on the transport go through the invoked
 * `realtimeConnection` actor, so leaving the connected states closes the connection.
 *
 * A turn owns the ids of its commit, item and response (`context.turn`, set when the
 * customer presses, cleared when the turn ends). The guards below compare every server
 * event against them: an ack for an older commit, an older item's transcript or an
 * older response finishing updates the history but never moves the turn.
 */

import { assign, enqueueActions, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import { ClientEventType, ErrorCode, RESPONSE_TAG_FIELD, buildSessionUpdate } from '../src/protocol/realtimeEvents.ts';
import { describeDisconnect, describeTurnNotice, isRetryable } from './notices.ts';
import {
  DEFAULT_TIMEOUTS,
  type ConnectionActorInput,
  type ConnectionCommand,
  type ConnectionCredentials,
  type ConnectionEvent,
  type DisconnectReason,
  type TokenActorInput,
  type TranscriptEntry,
  type TurnIdentity,
  type TurnNoticeCode,
  type VoiceContext,
  type VoiceEvent,
  type VoiceMachineInput,
} from './voiceMachine.types.ts';
import { applyToolCall, EMPTY_CART, orderStatement } from './cart.ts';

const CONNECTION_ID = 'connection';
/** How many retired ids and handled call_ids are remembered; older ones cannot come back in practice. */
const REMEMBERED_IDS = 64;
const REMEMBERED_CALL_IDS = 256;
/** Lines of the conversation kept on screen and in context; far more than a customer scrolls back to. */
const MAX_TRANSCRIPT_ENTRIES = 40;

function clientEvent(type: string, fields: Record<string, unknown> = {}): ConnectionCommand {
  return { type: 'send', event: { type, ...fields } };
}

function remember(list: string[], id: string, limit: number): string[] {
  return list.includes(id) ? list : [...list, id].slice(-limit);
}

function upsertTranscript(
  context: VoiceContext,
  itemId: string,
  role: TranscriptEntry['role'],
  update: (entry: TranscriptEntry) => TranscriptEntry,
): Pick<VoiceContext, 'transcripts' | 'transcriptOrder'> {
  const existing = context.transcripts[itemId];
  const base: TranscriptEntry = existing ?? { itemId, role, text: '', final: false };
  const transcripts = { ...context.transcripts, [itemId]: update(base) };
  if (existing) return { transcripts, transcriptOrder: context.transcriptOrder };
  // A kiosk left ordering for hours must not hold every line ever said: the oldest go.
  const transcriptOrder = [...context.transcriptOrder, itemId];
  for (const dropped of transcriptOrder.splice(0, Math.max(0, transcriptOrder.length - MAX_TRANSCRIPT_ENTRIES))) {
    delete transcripts[dropped];
  }
  return { transcripts, transcriptOrder };
}

function withTurn(context: VoiceContext, change: Partial<TurnIdentity>): Pick<VoiceContext, 'turn'> {
  return { turn: context.turn ? { ...context.turn, ...change } : null };
}

/** Whether the kiosk reconnects by itself from where it is now: it is in service and the reason can be cured. */
function willReconnect(context: VoiceContext): boolean {
  const reason = context.disconnectReason?.code;
  return context.autoReconnect && context.inService && context.networkOnline && reason !== undefined && isRetryable(reason);
}

/** One step of a small generator (mulberry32) over the seed in context: the machine stays pure. */
function nextJitter(seed: number): { value: number; seed: number } {
  const next = (seed + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, seed: next };
}

/** What a fresh session needs to carry on the conversation: the order so far and the last few lines said. */
function conversationSummary(context: VoiceContext): string {
  const recent = context.transcriptOrder
    .slice(-4)
    .map((id) => context.transcripts[id])
    .filter((entry): entry is TranscriptEntry => entry !== undefined && entry.text.length > 0)
    .map((entry) => `${entry.role === 'user' ? 'Customer' : 'Assistant'}: ${entry.text.slice(0, 200)}`);
  // Said even when empty: a session told nothing would go on from what an earlier conversation held.
  const order = orderStatement(context.cart);
  return recent.length > 0 ? `${order}\nMost recently:\n${recent.join('\n')}` : order;
}

/** The largest delay timers take; a schedule that is not pending never fires (its guard says no). */
const NEVER_MS = 2_147_483_647;

/** What a tool call's output says it did, for telling the customer when the spoken answer never came. */
function summaryOf(output: string): string | null {
  try {
    const parsed = JSON.parse(output) as { ok?: unknown; summary?: unknown };
    return parsed.ok === true && typeof parsed.summary === 'string' ? parsed.summary : null;
  } catch {
    return null;
  }
}

function isRetired(context: VoiceContext, ...ids: (string | undefined)[]): boolean {
  return ids.some((id) => id !== undefined && context.retiredIds.includes(id));
}

export const voiceMachine = setup({
  types: {
    context: {} as VoiceContext,
    events: {} as VoiceEvent,
    input: {} as VoiceMachineInput,
  },
  actors: {
    // The browser implementations live in src/voice; tests provide their own.
    fetchSessionToken: fromPromise<ConnectionCredentials, TokenActorInput>(async () => {
      throw new Error('fetchSessionToken is not provided');
    }),
    realtimeConnection: fromCallback<ConnectionCommand, ConnectionActorInput, ConnectionEvent>(() => {
      throw new Error('realtimeConnection is not provided');
    }),
  },
  delays: {
    tokenTimeout: ({ context }) => context.timeouts.token,
    connectTimeout: ({ context }) => context.timeouts.connect,
    sessionUpdateTimeout: ({ context }) => context.timeouts.sessionUpdate,
    commitTimeout: ({ context }) => context.timeouts.commit,
    transcriptTimeout: ({ context }) => context.timeouts.transcript,
    responseTimeout: ({ context }) => context.timeouts.response,
    postRoll: ({ context }) => context.timeouts.postRoll,
    minRecording: ({ context }) => context.timeouts.minRecording,
    maxRecording: ({ context }) => context.timeouts.maxRecording,
    reconnectDelay: ({ context }) => context.reconnectSchedule?.delayMs ?? NEVER_MS,
    livenessInterval: ({ context }) => context.timeouts.livenessInterval,
    livenessTimeout: ({ context }) => context.timeouts.livenessTimeout,
    sessionRenewal: ({ context }) => context.timeouts.sessionRenewal,
    replyGrace: ({ context }) => context.timeouts.replyGrace,
    renewalSpeechCap: ({ context }) => context.timeouts.renewalSpeechCap,
  },
  guards: {
    isCurrentGeneration: ({ context, event }) => 'generation' in event && event.generation === context.generation,
    isReconnectScheduled: ({ context }) => context.reconnectSchedule !== null,
    /** The `network.online` that makes this true has not been recorded yet: judge as if it had. */
    canReconnectNowOnline: ({ context }) => willReconnect({ ...context, networkOnline: true }),
    isPressPending: ({ context }) => context.pressPending,
    isRenewalDue: ({ context }) => context.renewalDue,
    /** A renewal closes the peer the reply plays on: it waits for the assistant to finish. */
    isRenewalDueInSilence: ({ context }) => context.renewalDue && !context.assistantSpeaking,
    /** Commits are answered in the order they were sent: the nth answer is the nth commit's. */
    isTurnCommitAnswer: ({ context }) =>
      context.turn?.commitSeq !== null && context.turn?.commitSeq === context.commitsAnswered + 1,
    isTurnCommitRefusedAsEmpty: ({ context, event }) =>
      event.type === 'server.error' &&
      event.code === ErrorCode.commitEmpty &&
      context.turn?.commitSeq !== null &&
      context.turn?.commitSeq === context.commitsAnswered + 1,
    isTurnItem: ({ context, event }) =>
      'itemId' in event && context.turn?.itemId !== null && event.itemId === context.turn?.itemId,
    isTurnResponseCompleted: ({ context, event }) =>
      event.type === 'server.response_done' &&
      event.responseId === context.turn?.responseId &&
      event.status === 'completed',
    isTurnResponseEnded: ({ context, event }) =>
      event.type === 'server.response_done' && event.responseId === context.turn?.responseId,
    isTurnToolCall: ({ context, event }) => {
      if (event.type !== 'server.function_call_done' || !context.turn?.responseId) return false;
      const responseId = event.responseId || context.activeResponseId;
      return (
        responseId === context.turn.responseId &&
        !context.handledCallIds.includes(event.callId) &&
        !isRetired(context, responseId)
      );
    },
    hasToolResultsToSend: ({ context }) => (context.turn?.pendingToolResults.length ?? 0) > 0,
    isCommitEmptyError: ({ event }) => event.type === 'server.error' && event.code === ErrorCode.commitEmpty,
    isSessionExpiredError: ({ event }) => event.type === 'server.error' && event.code === ErrorCode.sessionExpired,
    isActiveResponseError: ({ event }) => event.type === 'server.error' && event.code === ErrorCode.activeResponse,
  },
  actions: {
    noteDisconnect: assign((_, params: { reason: DisconnectReason }) => ({
      disconnectReason: describeDisconnect(params.reason),
    })),
    /** A link lost or a session ended; a turn it cut off is told to the customer once back. */
    noteLinkLost: assign(({ context }, params: { reason: 'connection_lost' | 'session_expired' | 'network_offline' }) => ({
      disconnectReason: describeDisconnect(params.reason),
      turnNotice: context.turn ? describeTurnNotice('turn_lost') : context.turnNotice,
    })),
    noteConnectionFailure: assign(({ event }) => {
      if (event.type !== 'connection.failed') return {};
      return { disconnectReason: describeDisconnect(event.reason, event.message) };
    }),
    /** The connection actor itself threw or rejected: treat it as a lost link, not the end of the machine. */
    noteConnectionActorError: assign(({ context }) => ({
      disconnectReason: describeDisconnect('connection_lost'),
      turnNotice: context.turn ? describeTurnNotice('turn_lost') : context.turnNotice,
    })),
    noteTokenFailure: assign(({ event }) => {
      const error = (event as unknown as { error?: { reason?: DisconnectReason; message?: string } }).error;
      return { disconnectReason: describeDisconnect(error?.reason ?? 'token_failed', error?.message) };
    }),
    noteTurn: assign((_, params: { code: TurnNoticeCode }) => ({
      turnNotice: describeTurnNotice(params.code),
    })),
    /** The answer never came; if the turn changed the order, say what changed rather than "no answer". */
    noteNoResponse: assign(({ context }) => {
      const changes = context.turn?.changes ?? [];
      return { turnNotice: describeTurnNotice('no_response', changes.length > 0 ? changes.join(' ') : undefined) };
    }),
    noteResponseEnded: assign(({ event }) => {
      if (event.type !== 'server.response_done') return {};
      return { turnNotice: describeTurnNotice(event.status === 'cancelled' ? 'response_cancelled' : 'response_failed') };
    }),
    clearDisconnect: assign({ disconnectReason: null }),
    countReconnectAttempt: assign({ reconnectAttempts: ({ context }) => context.reconnectAttempts + 1 }),
    resetReconnectAttempts: assign({ reconnectAttempts: 0 }),
    enterService: assign({ inService: true }),
    leaveService: assign({ inService: false }),
    noteNetworkOnline: assign({ networkOnline: true }),
    noteNetworkOffline: assign({ networkOnline: false }),
    /**
     * Offline: when the kiosk will reconnect by itself, and when. The pause doubles from
     * `reconnect` up to `reconnectCap` and is drawn between half and all of that, so kiosks
     * that lost the same server do not all come back in the same instant. A refused token
     * waits the whole cap at once.
     */
    scheduleReconnect: assign(({ context }) => {
      if (!willReconnect(context)) return { reconnectSchedule: null };
      const { reconnect, reconnectCap } = context.timeouts;
      const backoff =
        context.disconnectReason?.code === 'token_refused'
          ? reconnectCap
          : Math.min(reconnectCap, reconnect * 2 ** Math.min(context.reconnectAttempts, 30));
      const jitter = nextJitter(context.jitterSeed);
      return {
        jitterSeed: jitter.seed,
        reconnectSchedule: {
          id: jitter.seed,
          delayMs: Math.round(backoff * (0.5 + jitter.value / 2)),
        },
      };
    }),
    clearReconnectSchedule: assign({ reconnectSchedule: null }),
    notePressPending: assign({ pressPending: true }),
    clearPressPending: assign({ pressPending: false }),
    storeCredentials: assign({
      credentials: ({ event }) => (event as unknown as { output: ConnectionCredentials }).output,
    }),
    /** A new connection is a new server session: nothing in flight on the old one carries over. */
    beginConnection: assign({
      generation: ({ context }) => context.generation + 1,
      sessionId: null,
      turn: null,
      commitsSent: 0,
      commitsAnswered: 0,
      responsesRequested: 0,
      responseRequest: null,
      abandonedRequests: 0,
      activeResponseId: null,
      serverBusy: false,
      retiredCommitSeq: 0,
      assistantSpeaking: false,
      speakingItemId: null,
      latestAssistantItem: null,
      renewalDue: false,
    }),
    dropCredentials: assign({ credentials: null }),
    startTurn: assign(({ context }) => ({
      turnsStarted: context.turnsStarted + 1,
      turn: {
        id: context.turnsStarted + 1,
        commitSeq: null,
        itemId: null,
        wantsResponse: false,
        responseId: null,
        pendingToolResults: [],
        changes: [],
      },
      turnNotice: null,
      pressPending: false,
    })),
    endTurn: assign({ turn: null }),
    enableMicrophone: sendTo(CONNECTION_ID, { type: 'microphone', enabled: true } satisfies ConnectionCommand),
    disableMicrophone: sendTo(CONNECTION_ID, { type: 'microphone', enabled: false } satisfies ConnectionCommand),
    clearInputBuffer: sendTo(CONNECTION_ID, clientEvent(ClientEventType.inputAudioBufferClear)),
    /** The commit is numbered so its answer, which the server sends in order, can be told apart. */
    commitInputBuffer: enqueueActions(({ context, enqueue }) => {
      const commitSeq = context.commitsSent + 1;
      enqueue.assign({ commitsSent: commitSeq, ...withTurn(context, { commitSeq }) });
      enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.inputAudioBufferCommit));
    }),
    /** The session is told what the order holds, so a new session (after a drop or a renewal) carries on with it. */
    sendSessionUpdate: sendTo(CONNECTION_ID, ({ context }) => ({
      type: 'send',
      event: buildSessionUpdate(context.session, conversationSummary(context)),
    })),
    /** A clear is harmless between turns and always answered: the cheapest question the service must reply to. */
    sendLivenessCheck: sendTo(CONNECTION_ID, clientEvent(ClientEventType.inputAudioBufferClear)),
    noteRenewalDue: assign({ renewalDue: true }),
    clearRenewalDue: assign({ renewalDue: false }),
    /**
     * Barge-in and "start over": stop whatever the assistant is saying or about to say.
     * A response still being created is cancelled when its `response.created` arrives,
     * since it no longer belongs to the turn.
     */
    interruptAssistant: enqueueActions(({ context, enqueue }) => {
      const active = context.activeResponseId;
      if (active) {
        enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.responseCancel, { response_id: active }));
        enqueue.assign({ retiredIds: remember(context.retiredIds, active, REMEMBERED_IDS) });
      }
      // What the customer heard of the reply is all the conversation keeps of it: the
      // service would otherwise go on as if the whole answer had been heard.
      if (context.assistantSpeaking && context.speakingItemId) {
        enqueue.sendTo(CONNECTION_ID, { type: 'truncate_reply', itemId: context.speakingItemId } satisfies ConnectionCommand);
        enqueue.assign({ speakingItemId: null });
      }
      if (context.assistantSpeaking || active) {
        enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.outputAudioBufferClear));
      }
    }),
    /** The turn wants an answer; it goes out as soon as the server is free. */
    askForResponse: assign(({ context }) => withTurn(context, { wantsResponse: true, responseId: null })),
    /** Never two responses at once, nor one asked for while another is being created: the service refuses it. */
    requestResponseIfFree: enqueueActions(({ context, enqueue }) => {
      const turn = context.turn;
      if (!turn?.wantsResponse || context.responseRequest || context.activeResponseId || context.serverBusy) return;
      const tag = String(context.responsesRequested + 1);
      enqueue.assign({
        responsesRequested: context.responsesRequested + 1,
        responseRequest: { turnId: turn.id, tag },
        turn: { ...turn, wantsResponse: false },
      });
      enqueue.sendTo(
        CONNECTION_ID,
        clientEvent(ClientEventType.responseCreate, { response: { metadata: { [RESPONSE_TAG_FIELD]: tag } } }),
      );
    }),
    /** The turn ended without its answer: forget what it waited for, so the next turn is not blocked by it. */
    giveUpOnResponse: assign(({ context }) => ({
      responseRequest: null,
      abandonedRequests: context.abandonedRequests + (context.responseRequest ? 1 : 0),
      activeResponseId: null,
      serverBusy: false,
    })),
    sendToolResults: enqueueActions(({ context, enqueue }) => {
      for (const result of context.turn?.pendingToolResults ?? []) {
        enqueue.sendTo(
          CONNECTION_ID,
          clientEvent(ClientEventType.conversationItemCreate, {
            item: { type: 'function_call_output', call_id: result.callId, output: result.output },
          }),
        );
      }
      enqueue.assign(withTurn(context, { pendingToolResults: [] }));
    }),
    /** Every commit answer (ack or refusal) is counted; the item it names joins the history. */
    recordCommitAnswer: assign(({ context, event }) => {
      const commitsAnswered = context.commitsAnswered + 1;
      if (event.type !== 'server.input_committed' || !event.itemId) return { commitsAnswered };
      if (commitsAnswered <= context.retiredCommitSeq) {
        return { commitsAnswered, retiredIds: remember(context.retiredIds, event.itemId, REMEMBERED_IDS) };
      }
      return { commitsAnswered, ...upsertTranscript(context, event.itemId, 'user', (entry) => entry) };
    }),
    adoptTurnItem: assign(({ context, event }) => {
      if (event.type !== 'server.input_committed') return {};
      return withTurn(context, { itemId: event.itemId });
    }),
    recordItem: assign(({ context, event }) => {
      if (event.type !== 'server.item_added' || event.role === 'other' || isRetired(context, event.itemId)) return {};
      return upsertTranscript(context, event.itemId, event.role, (entry) => entry);
    }),
    recordUserDelta: assign(({ context, event }) => {
      if (event.type !== 'server.user_transcript_delta' || isRetired(context, event.itemId)) return {};
      return upsertTranscript(context, event.itemId, 'user', (entry) =>
        entry.final ? entry : { ...entry, text: entry.text + event.delta },
      );
    }),
    recordUserFinal: assign(({ context, event }) => {
      if (event.type !== 'server.user_transcript_completed' || isRetired(context, event.itemId)) return {};
      return upsertTranscript(context, event.itemId, 'user', (entry) => ({
        ...entry,
        text: event.transcript,
        final: true,
      }));
    }),
    recordAssistantDelta: assign(({ context, event }) => {
      if (event.type !== 'server.assistant_transcript_delta' || isRetired(context, event.itemId, event.responseId)) {
        return {};
      }
      return upsertTranscript(context, event.itemId, 'assistant', (entry) =>
        entry.final ? entry : { ...entry, text: entry.text + event.delta },
      );
    }),
    recordAssistantFinal: assign(({ context, event }) => {
      if (event.type !== 'server.assistant_transcript_done' || isRetired(context, event.itemId, event.responseId)) {
        return {};
      }
      return upsertTranscript(context, event.itemId, 'assistant', (entry) => ({
        ...entry,
        text: event.transcript,
        final: true,
      }));
    }),
    /**
     * Which request a new response answers: by the tag echoed in its metadata, or, from a
     * service that does not echo it, by order. A response the turn no longer wants is
     * cancelled at once and its output retired.
     */
    recordResponseCreated: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'server.response_created') return;
      const { responseId, tag } = event;
      const request = context.responseRequest;
      let answers: 'turn' | 'abandoned' | 'unrequested';
      let stillRequested = request;
      let abandonedRequests = context.abandonedRequests;
      if (tag !== null) {
        const isOutstanding = request?.tag === tag;
        if (isOutstanding) stillRequested = null;
        answers = isOutstanding && request.turnId === context.turn?.id ? 'turn' : 'abandoned';
      } else if (request) {
        // Untagged, the newest request is the best guess: a response the service creates
        // now answers the conversation as it is now. Older abandoned requests are settled.
        stillRequested = null;
        abandonedRequests = 0;
        answers = request.turnId === context.turn?.id ? 'turn' : 'abandoned';
      } else if (abandonedRequests > 0) {
        abandonedRequests -= 1;
        answers = 'abandoned';
      } else {
        answers = 'unrequested';
      }
      enqueue.assign({ activeResponseId: responseId, responseRequest: stillRequested, abandonedRequests });
      if (answers === 'turn') {
        enqueue.assign(withTurn(context, { responseId }));
      } else if (answers === 'abandoned') {
        enqueue.assign({ retiredIds: remember(context.retiredIds, responseId, REMEMBERED_IDS) });
        enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.responseCancel, { response_id: responseId }));
        enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.outputAudioBufferClear));
      }
    }),
    recordResponseDone: assign(({ context, event }) => {
      if (event.type !== 'server.response_done') return {};
      return {
        activeResponseId: context.activeResponseId === event.responseId ? null : context.activeResponseId,
        serverBusy: false,
      };
    }),
    /** The service refused response.create because one is running: ask again once a response ends. */
    noteServerBusy: assign(({ context }) => {
      const request = context.responseRequest;
      const refusedForTurn = request !== null && request.turnId === context.turn?.id;
      return {
        responseRequest: null,
        serverBusy: true,
        ...(refusedForTurn ? withTurn(context, { wantsResponse: true }) : {}),
      };
    }),
    runToolCall: assign(({ context, event }) => {
      if (event.type !== 'server.function_call_done' || !context.turn) return {};
      const { cart, output } = applyToolCall(context.cart, event.name, event.arguments);
      const summary = summaryOf(output);
      return {
        cart,
        handledCallIds: remember(context.handledCallIds, event.callId, REMEMBERED_CALL_IDS),
        ...withTurn(context, {
          pendingToolResults: [...context.turn.pendingToolResults, { callId: event.callId, output }],
          changes: summary ? [...context.turn.changes, summary] : context.turn.changes,
        }),
      };
    }),
    recordSessionId: assign({
      sessionId: ({ context, event }) => (event.type === 'server.session_created' ? event.sessionId : context.sessionId),
    }),
    markSpeaking: assign(({ context, event }) => {
      const latest = context.latestAssistantItem;
      const responseId = event.type === 'server.speaking_started' ? event.responseId : undefined;
      // Without a response id (a service that omits it), the latest message is the best guess.
      const playing = latest && (responseId === undefined || responseId === null || responseId === latest.responseId) ? latest.itemId : null;
      return { assistantSpeaking: true, speakingItemId: playing };
    }),
    markSilent: assign({ assistantSpeaking: false, speakingItemId: null }),
    noteAssistantItem: assign(({ context, event }) => {
      if (event.type !== 'server.assistant_transcript_delta' && event.type !== 'server.assistant_transcript_done') return {};
      if (isRetired(context, event.itemId, event.responseId)) return {};
      return { latestAssistantItem: { responseId: event.responseId, itemId: event.itemId } };
    }),
    countTurn: assign({ turnsCompleted: ({ context }) => context.turnsCompleted + 1 }),
    /**
     * The next customer: an empty order and transcript. Everything the previous customer's
     * turn had in flight (its commit, item and response) is retired, so none of it
     * reaches the new order; handled call_ids are kept, so no call runs twice.
     */
    startNewConversation: assign(({ context }) => {
      let retiredIds = context.retiredIds;
      for (const id of context.transcriptOrder) retiredIds = remember(retiredIds, id, REMEMBERED_IDS);
      if (context.activeResponseId) retiredIds = remember(retiredIds, context.activeResponseId, REMEMBERED_IDS);
      return {
        retiredIds,
        retiredCommitSeq: context.commitsSent,
        transcripts: {},
        transcriptOrder: [],
        turn: null,
        turnNotice: null,
        cart: EMPTY_CART,
      };
    }),
    setScenario: assign({
      scenario: ({ context, event }) => (event.type === 'set_scenario' ? event.scenario : context.scenario),
    }),
  },
}).createMachine({
  id: 'voice',
  context: ({ input }) => ({
    timeouts: { ...DEFAULT_TIMEOUTS, ...input.timeouts },
    session: input.session,
    scenario: input.scenario ?? null,
    autoReconnect: input.autoReconnect ?? true,
    inService: false,
    networkOnline: true,
    reconnectAttempts: 0,
    reconnectSchedule: null,
    jitterSeed: input.jitterSeed ?? 1,
    renewalDue: false,
    credentials: null,
    sessionId: null,
    generation: 0,
    disconnectReason: null,
    turnNotice: null,
    transcriptOrder: [],
    transcripts: {},
    turn: null,
    turnsStarted: 0,
    commitsSent: 0,
    commitsAnswered: 0,
    responsesRequested: 0,
    responseRequest: null,
    abandonedRequests: 0,
    activeResponseId: null,
    serverBusy: false,
    retiredIds: [],
    retiredCommitSeq: 0,
    assistantSpeaking: false,
    speakingItemId: null,
    latestAssistantItem: null,
    pressPending: false,
    cart: EMPTY_CART,
    handledCallIds: [],
    turnsCompleted: 0,
  }),
  initial: 'offline',
  on: {
    force_reset: {
      target: '.offline',
      actions: ['leaveService', { type: 'noteDisconnect', params: { reason: 'forced_reset' } }, 'resetReconnectAttempts'],
    },
    'network.online': { actions: 'noteNetworkOnline' },
    'network.offline': { actions: 'noteNetworkOffline' },
    // A connection that failed in the very step that left it (a send refused during a
    // renewal's switch-over, say) reports after it is gone; unhandled, that would stop the
    // machine for good. The connection it names is history.
    'xstate.error.actor.connection': {},
    new_conversation: { actions: 'startNewConversation' },
    set_scenario: { actions: 'setScenario' },
    release: { actions: 'clearPressPending' },
  },
  states: {
    offline: {
      tags: ['offline'],
      entry: ['endTurn', 'scheduleReconnect'],
      on: {
        connect: { target: 'online', actions: ['clearDisconnect', 'resetReconnectAttempts', 'enterService'] },
        // The button is never dead: pressing it while offline reconnects at once, and a
        // button still held once the connection is ready starts recording.
        press: {
          target: 'online',
          actions: ['clearDisconnect', 'resetReconnectAttempts', 'enterService', 'notePressPending'],
        },
        // Disconnect wins over a pending reconnect.
        disconnect: {
          guard: 'isReconnectScheduled',
          target: 'offline',
          reenter: true,
          actions: ['leaveService', { type: 'noteDisconnect', params: { reason: 'user' } }],
        },
        // The network is back: no need to wait out the pause.
        'network.online': [
          { guard: 'canReconnectNowOnline', target: 'online', actions: ['noteNetworkOnline', 'countReconnectAttempt'] },
          { actions: 'noteNetworkOnline' },
        ],
        // No network: no retries until it is back.
        'network.offline': {
          target: 'offline',
          reenter: true,
          actions: ['noteNetworkOffline', { type: 'noteLinkLost', params: { reason: 'network_offline' } }],
        },
      },
      after: {
        reconnectDelay: { guard: 'isReconnectScheduled', target: 'online', actions: 'countReconnectAttempt' },
      },
      exit: 'clearReconnectSchedule',
    },
    online: {
      initial: 'fetching_token',
      on: {
        disconnect: {
          target: 'offline',
          actions: ['leaveService', { type: 'noteDisconnect', params: { reason: 'user' } }, 'resetReconnectAttempts'],
        },
        'network.offline': {
          target: 'offline',
          actions: ['noteNetworkOffline', { type: 'noteLinkLost', params: { reason: 'network_offline' } }],
        },
        // Held while connecting: remembered until release; the ready states take presses themselves.
        press: { actions: 'notePressPending' },
      },
      states: {
        fetching_token: {
          tags: ['connecting'],
          invoke: {
            src: 'fetchSessionToken',
            input: ({ context }) => ({ scenario: context.scenario }),
            onDone: { target: 'connection', actions: 'storeCredentials' },
            onError: { target: '#voice.offline', actions: 'noteTokenFailure' },
          },
          after: {
            tokenTimeout: {
              target: '#voice.offline',
              actions: { type: 'noteDisconnect', params: { reason: 'token_timeout' } },
            },
          },
        },
        connection: {
          entry: 'beginConnection',
          exit: 'dropCredentials',
          invoke: {
            id: CONNECTION_ID,
            src: 'realtimeConnection',
            input: ({ context }) => ({
              credentials: context.credentials as ConnectionCredentials,
              generation: context.generation,
            }),
            onError: { target: '#voice.offline', actions: 'noteConnectionActorError' },
          },
          // The service ends old sessions; renewing first, between turns, is invisible to the customer.
          after: {
            sessionRenewal: { actions: 'noteRenewalDue' },
          },
          on: {
            'connection.failed': {
              guard: 'isCurrentGeneration',
              target: '#voice.offline',
              actions: 'noteConnectionFailure',
            },
            'connection.lost': {
              guard: 'isCurrentGeneration',
              target: '#voice.offline',
              actions: { type: 'noteLinkLost', params: { reason: 'connection_lost' } },
            },
            'server.error': [
              {
                guard: 'isSessionExpiredError',
                target: '#voice.offline',
                actions: { type: 'noteLinkLost', params: { reason: 'session_expired' } },
              },
              { guard: 'isActiveResponseError', actions: 'noteServerBusy' },
              { guard: 'isCommitEmptyError', actions: 'recordCommitAnswer' },
            ],
            'server.session_created': { actions: 'recordSessionId' },
            'server.input_committed': { actions: 'recordCommitAnswer' },
            'server.item_added': { actions: 'recordItem' },
            'server.user_transcript_delta': { actions: 'recordUserDelta' },
            'server.user_transcript_completed': { actions: 'recordUserFinal' },
            'server.assistant_transcript_delta': { actions: ['recordAssistantDelta', 'noteAssistantItem'] },
            'server.assistant_transcript_done': { actions: ['recordAssistantFinal', 'noteAssistantItem'] },
            'server.response_created': { actions: 'recordResponseCreated' },
            'server.response_done': { actions: ['recordResponseDone', 'requestResponseIfFree'] },
            'server.function_call_done': { guard: 'isTurnToolCall', actions: 'runToolCall' },
            'server.speaking_started': { actions: 'markSpeaking' },
            'server.speaking_stopped': { actions: 'markSilent' },
          },
          initial: 'connecting',
          states: {
            connecting: {
              tags: ['connecting'],
              on: {
                'connection.channel_open': {
                  guard: 'isCurrentGeneration',
                  target: 'configuring',
                },
              },
              after: {
                connectTimeout: {
                  target: '#voice.offline',
                  actions: { type: 'noteDisconnect', params: { reason: 'connect_timeout' } },
                },
              },
            },
            configuring: {
              tags: ['connecting'],
              entry: 'sendSessionUpdate',
              on: {
                'server.session_updated': { target: 'ready' },
              },
              after: {
                // The session works with its defaults; waiting forever would lock the kiosk.
                sessionUpdateTimeout: {
                  target: 'ready',
                  actions: { type: 'noteTurn', params: { code: 'session_update_timeout' } },
                },
              },
            },
            ready: {
              // Any session that becomes ready, however it got there, is a successful reconnect.
              entry: 'resetReconnectAttempts',
              initial: 'entering',
              on: {
                // Presses are the turn states' to take; one they ignore (a second press while
                // recording) is not remembered for a later connection.
                press: {},
                // The session is told the order is empty now: otherwise the assistant (and
                // the local agent) would go on from the last customer's order.
                new_conversation: {
                  target: '.idle',
                  actions: ['interruptAssistant', 'disableMicrophone', 'clearInputBuffer', 'startNewConversation', 'sendSessionUpdate'],
                },
              },
              states: {
                /** A transient decision: a customer who held the button while connecting is recorded now. */
                entering: {
                  always: [
                    {
                      guard: 'isPressPending',
                      target: 'recording',
                      actions: ['startTurn', 'clearInputBuffer', 'enableMicrophone'],
                    },
                    { target: 'idle' },
                  ],
                },
                idle: {
                  tags: ['ready'],
                  entry: 'endTurn',
                  type: 'parallel',
                  on: {
                    press: {
                      target: 'recording',
                      actions: ['interruptAssistant', 'startTurn', 'clearInputBuffer', 'enableMicrophone'],
                    },
                  },
                  states: {
                    // A dead link looks alive until something is asked of it: ask, cheaply, while quiet.
                    liveness: {
                      initial: 'quiet',
                      states: {
                        quiet: {
                          after: { livenessInterval: 'checking' },
                        },
                        checking: {
                          entry: 'sendLivenessCheck',
                          on: { 'server.input_cleared': 'quiet' },
                          after: {
                            livenessTimeout: {
                              target: '#voice.offline',
                              actions: { type: 'noteLinkLost', params: { reason: 'connection_lost' } },
                            },
                          },
                        },
                      },
                    },
                    // Between turns, an old session is swapped for a fresh one; the order carries
                    // over. Not while the reply is heard: closing its peer would cut it off.
                    renewal: {
                      initial: 'settling',
                      states: {
                        // The reply's audio may start only after its response is done.
                        settling: {
                          after: { replyGrace: 'waiting' },
                        },
                        waiting: {
                          always: {
                            guard: 'isRenewalDueInSilence',
                            target: '#voice.online.fetching_token',
                            actions: 'clearRenewalDue',
                          },
                          after: {
                            // The end of the reply may never be reported; the session must still be renewed in time.
                            renewalSpeechCap: {
                              guard: 'isRenewalDue',
                              target: '#voice.online.fetching_token',
                              actions: 'clearRenewalDue',
                            },
                          },
                        },
                      },
                    },
                  },
                },
                recording: {
                  tags: ['recording'],
                  initial: 'too_short',
                  after: {
                    maxRecording: { target: 'committing' },
                  },
                  states: {
                    too_short: {
                      after: { minRecording: 'long_enough' },
                      on: {
                        release: {
                          target: '#voice.online.connection.ready.idle',
                          actions: [
                            'disableMicrophone',
                            'clearInputBuffer',
                            { type: 'noteTurn', params: { code: 'too_short' } },
                          ],
                        },
                      },
                    },
                    long_enough: {
                      on: { release: '#voice.online.connection.ready.committing' },
                    },
                  },
                },
                committing: {
                  tags: ['waiting'],
                  initial: 'post_roll',
                  states: {
                    post_roll: {
                      tags: ['recording'],
                      after: { postRoll: 'awaiting_ack' },
                      on: {
                        // What was said is committed first, so a quick second press loses none of it.
                        press: {
                          target: '#voice.online.connection.ready.recording',
                          actions: ['commitInputBuffer', 'interruptAssistant', 'startTurn', 'clearInputBuffer', 'enableMicrophone'],
                        },
                      },
                    },
                    awaiting_ack: {
                      entry: ['disableMicrophone', 'commitInputBuffer'],
                      on: {
                        press: {
                          target: '#voice.online.connection.ready.recording',
                          actions: ['interruptAssistant', 'startTurn', 'clearInputBuffer', 'enableMicrophone'],
                        },
                        'server.input_committed': {
                          guard: 'isTurnCommitAnswer',
                          target: '#voice.online.connection.ready.waiting_user_final',
                          actions: ['recordCommitAnswer', 'adoptTurnItem', 'askForResponse', 'requestResponseIfFree'],
                        },
                        'server.error': {
                          guard: 'isTurnCommitRefusedAsEmpty',
                          target: '#voice.online.connection.ready.idle',
                          actions: ['recordCommitAnswer', { type: 'noteTurn', params: { code: 'too_short' } }],
                        },
                      },
                      after: {
                        // The service acknowledges a commit at once: no ack means a dead link,
                        // so reconnect rather than leave the kiosk on it.
                        commitTimeout: {
                          target: '#voice.offline',
                          actions: { type: 'noteLinkLost', params: { reason: 'connection_lost' } },
                        },
                      },
                    },
                  },
                },
                waiting_user_final: {
                  tags: ['waiting'],
                  on: {
                    press: {
                      target: 'recording',
                      actions: ['interruptAssistant', 'startTurn', 'clearInputBuffer', 'enableMicrophone'],
                    },
                    'server.user_transcript_completed': {
                      guard: 'isTurnItem',
                      target: 'waiting_response',
                      actions: 'recordUserFinal',
                    },
                    'server.user_transcript_failed': {
                      guard: 'isTurnItem',
                      target: 'waiting_response',
                      actions: { type: 'noteTurn', params: { code: 'transcript_failed' } },
                    },
                    'server.response_done': [
                      { guard: 'isTurnResponseCompleted', target: 'following_up', actions: 'recordResponseDone' },
                      { guard: 'isTurnResponseEnded', target: 'idle', actions: ['recordResponseDone', 'noteResponseEnded'] },
                      { actions: ['recordResponseDone', 'requestResponseIfFree'] },
                    ],
                  },
                  after: {
                    transcriptTimeout: {
                      target: 'idle',
                      actions: ['interruptAssistant', 'giveUpOnResponse', { type: 'noteTurn', params: { code: 'no_transcript' } }],
                    },
                  },
                },
                waiting_response: {
                  tags: ['waiting'],
                  on: {
                    press: {
                      target: 'recording',
                      actions: ['interruptAssistant', 'startTurn', 'clearInputBuffer', 'enableMicrophone'],
                    },
                    'server.response_done': [
                      { guard: 'isTurnResponseCompleted', target: 'following_up', actions: 'recordResponseDone' },
                      { guard: 'isTurnResponseEnded', target: 'idle', actions: ['recordResponseDone', 'noteResponseEnded'] },
                      { actions: ['recordResponseDone', 'requestResponseIfFree'] },
                    ],
                  },
                  after: {
                    responseTimeout: {
                      target: 'idle',
                      actions: ['interruptAssistant', 'giveUpOnResponse', 'noteNoResponse'],
                    },
                  },
                },
                /** A transient decision: a response with tool calls needs a follow-up response. */
                following_up: {
                  always: [
                    {
                      guard: 'hasToolResultsToSend',
                      target: 'waiting_response',
                      reenter: true,
                      actions: ['sendToolResults', 'askForResponse', 'requestResponseIfFree'],
                    },
                    { target: 'idle', actions: 'countTurn' },
                  ],
                },
              },
            },
          },
        },
      },
    },
  },
});

export type VoiceMachine = typeof voiceMachine;
