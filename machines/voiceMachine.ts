/**
 * The voice turn machine: the connection lifecycle and the push-to-talk turn.
 *
 * Its first promise is that it never deadlocks: every state that waits on something
 * outside the user has an `after` timeout back to a state the user can act from, with
 * the reason recorded for the UI. Effects on the transport go through the invoked
 * `realtimeConnection` actor, so leaving the connected states closes the connection.
 */

import { assign, enqueueActions, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import { ClientEventType, ErrorCode, buildSessionUpdate } from '../src/protocol/realtimeEvents.ts';
import { describeDisconnect, describeTurnNotice } from './notices.ts';
import {
  DEFAULT_TIMEOUTS,
  type ConnectionActorInput,
  type ConnectionCommand,
  type ConnectionCredentials,
  type ConnectionEvent,
  type DisconnectReason,
  type TokenActorInput,
  type TranscriptEntry,
  type TurnNoticeCode,
  type VoiceContext,
  type VoiceEvent,
  type VoiceMachineInput,
} from './voiceMachine.types.ts';
import { applyToolCall, EMPTY_CART } from './cart.ts';

const CONNECTION_ID = 'connection';

function clientEvent(type: string, fields: Record<string, unknown> = {}): ConnectionCommand {
  return { type: 'send', event: { type, ...fields } };
}

function upsertTranscript(
  context: VoiceContext,
  itemId: string,
  role: TranscriptEntry['role'],
  update: (entry: TranscriptEntry) => TranscriptEntry,
): Pick<VoiceContext, 'transcripts' | 'transcriptOrder'> {
  const existing = context.transcripts[itemId];
  const base: TranscriptEntry = existing ?? { itemId, role, text: '', final: false };
  return {
    transcripts: { ...context.transcripts, [itemId]: update(base) },
    transcriptOrder: existing ? context.transcriptOrder : [...context.transcriptOrder, itemId],
  };
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
    reconnectDelay: ({ context }) => context.timeouts.reconnect * 2 ** Math.min(context.reconnectAttempts, 4),
  },
  guards: {
    isCurrentGeneration: ({ context, event }) => 'generation' in event && event.generation === context.generation,
    shouldReconnect: ({ context }) =>
      context.autoReconnect &&
      context.reconnectAttempts < context.maxReconnectAttempts &&
      (context.disconnectReason?.code === 'connection_lost' || context.disconnectReason?.code === 'session_expired'),
    isTurnResponse: ({ context, event }) =>
      event.type === 'server.response_done' && event.responseId === context.turnResponseId,
    isFailedTurnResponse: ({ context, event }) =>
      event.type === 'server.response_done' && event.responseId === context.turnResponseId && event.status === 'failed',
    hasToolResultsToSend: ({ context }) => context.pendingToolResults.length > 0,
    isCommitEmptyError: ({ event }) => event.type === 'server.error' && event.code === ErrorCode.commitEmpty,
    isSessionExpiredError: ({ event }) => event.type === 'server.error' && event.code === ErrorCode.sessionExpired,
    isActiveResponseError: ({ event }) => event.type === 'server.error' && event.code === ErrorCode.activeResponse,
  },
  actions: {
    noteDisconnect: assign((_, params: { reason: DisconnectReason; detail?: string }) => ({
      disconnectReason: describeDisconnect(params.reason, params.detail),
    })),
    noteConnectionFailure: assign(({ event }) => {
      if (event.type !== 'connection.failed') return {};
      return { disconnectReason: describeDisconnect(event.reason, event.message) };
    }),
    noteTurn: assign((_, params: { code: TurnNoticeCode; detail?: string }) => ({
      turnNotice: describeTurnNotice(params.code, params.detail),
    })),
    clearTurnNotice: assign({ turnNotice: null }),
    clearDisconnect: assign({ disconnectReason: null }),
    countReconnectAttempt: assign({ reconnectAttempts: ({ context }) => context.reconnectAttempts + 1 }),
    resetReconnectAttempts: assign({ reconnectAttempts: 0 }),
    storeCredentials: assign({
      credentials: ({ event }) => (event as unknown as { output: ConnectionCredentials }).output,
    }),
    beginConnection: assign({
      generation: ({ context }) => context.generation + 1,
      sessionId: null,
      activeResponseId: null,
      turnResponseId: null,
      responseCreateDeferred: false,
      assistantSpeaking: false,
    }),
    dropCredentials: assign({ credentials: null }),
    enableMicrophone: sendTo(CONNECTION_ID, { type: 'microphone', enabled: true } satisfies ConnectionCommand),
    disableMicrophone: sendTo(CONNECTION_ID, { type: 'microphone', enabled: false } satisfies ConnectionCommand),
    clearInputBuffer: sendTo(CONNECTION_ID, clientEvent(ClientEventType.inputAudioBufferClear)),
    commitInputBuffer: sendTo(CONNECTION_ID, clientEvent(ClientEventType.inputAudioBufferCommit)),
    sendSessionUpdate: sendTo(CONNECTION_ID, ({ context }) => ({
      type: 'send',
      event: buildSessionUpdate(context.session),
    })),
    /** Barge-in: stop whatever the assistant is saying or about to say. */
    interruptAssistant: enqueueActions(({ context, enqueue }) => {
      if (context.activeResponseId) {
        enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.responseCancel));
      }
      if (context.assistantSpeaking || context.activeResponseId) {
        enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.outputAudioBufferClear));
      }
      enqueue.assign({ turnResponseId: null, responseCreateDeferred: false });
    }),
    /** Never two responses at once: the service refuses the second. */
    requestResponse: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ turnResponseId: null });
      if (context.activeResponseId) {
        enqueue.assign({ responseCreateDeferred: true });
      } else {
        enqueue.assign({ responseCreateDeferred: false, turnResponseId: 'pending' });
        enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.responseCreate));
      }
    }),
    sendToolResults: enqueueActions(({ context, enqueue }) => {
      for (const result of context.pendingToolResults) {
        enqueue.sendTo(
          CONNECTION_ID,
          clientEvent(ClientEventType.conversationItemCreate, {
            item: { type: 'function_call_output', call_id: result.callId, output: result.output },
          }),
        );
      }
      enqueue.assign({ pendingToolResults: [] });
    }),
    recordCommit: assign(({ context, event }) => {
      if (event.type !== 'server.input_committed' || !event.itemId) return {};
      return {
        currentUserItemId: event.itemId,
        ...upsertTranscript(context, event.itemId, 'user', (entry) => entry),
      };
    }),
    recordItem: assign(({ context, event }) => {
      if (event.type !== 'server.item_added' || event.role === 'other') return {};
      return upsertTranscript(context, event.itemId, event.role, (entry) => entry);
    }),
    recordUserDelta: assign(({ context, event }) => {
      if (event.type !== 'server.user_transcript_delta') return {};
      return upsertTranscript(context, event.itemId, 'user', (entry) =>
        entry.final ? entry : { ...entry, text: entry.text + event.delta },
      );
    }),
    recordUserFinal: assign(({ context, event }) => {
      if (event.type !== 'server.user_transcript_completed') return {};
      return upsertTranscript(context, event.itemId, 'user', (entry) => ({
        ...entry,
        text: event.transcript,
        final: true,
      }));
    }),
    recordAssistantDelta: assign(({ context, event }) => {
      if (event.type !== 'server.assistant_transcript_delta') return {};
      return upsertTranscript(context, event.itemId, 'assistant', (entry) =>
        entry.final ? entry : { ...entry, text: entry.text + event.delta },
      );
    }),
    recordAssistantFinal: assign(({ context, event }) => {
      if (event.type !== 'server.assistant_transcript_done') return {};
      return upsertTranscript(context, event.itemId, 'assistant', (entry) => ({
        ...entry,
        text: event.transcript,
        final: true,
      }));
    }),
    recordResponseCreated: assign(({ context, event }) => {
      if (event.type !== 'server.response_created') return {};
      return {
        activeResponseId: event.responseId,
        turnResponseId: context.turnResponseId === 'pending' ? event.responseId : context.turnResponseId,
      };
    }),
    /** The previous response is over: a deferred response.create can go now. */
    recordResponseDone: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'server.response_done') return;
      if (context.activeResponseId === event.responseId || context.activeResponseId === null) {
        enqueue.assign({ activeResponseId: null });
      }
      if (context.responseCreateDeferred && event.responseId !== context.turnResponseId) {
        enqueue.assign({ responseCreateDeferred: false, turnResponseId: 'pending', activeResponseId: null });
        enqueue.sendTo(CONNECTION_ID, clientEvent(ClientEventType.responseCreate));
      }
    }),
    deferResponseCreate: assign({ responseCreateDeferred: true }),
    runToolCall: assign(({ context, event }) => {
      if (event.type !== 'server.function_call_done') return {};
      if (context.handledCallIds.includes(event.callId)) return {};
      const { cart, output } = applyToolCall(context.cart, event.name, event.arguments);
      return {
        cart,
        handledCallIds: [...context.handledCallIds, event.callId],
        pendingToolResults: [...context.pendingToolResults, { callId: event.callId, output }],
      };
    }),
    recordSessionId: assign({
      sessionId: ({ context, event }) => (event.type === 'server.session_created' ? event.sessionId : context.sessionId),
    }),
    markSpeaking: assign({ assistantSpeaking: true }),
    markSilent: assign({ assistantSpeaking: false }),
    countTurn: assign({ turnsCompleted: ({ context }) => context.turnsCompleted + 1 }),
    startNewConversation: assign({
      transcripts: {},
      transcriptOrder: [],
      currentUserItemId: null,
      turnNotice: null,
      handledCallIds: [],
      pendingToolResults: [],
      cart: EMPTY_CART,
    }),
    forgetCurrentUserItem: assign({ currentUserItemId: null }),
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
    maxReconnectAttempts: input.maxReconnectAttempts ?? 5,
    reconnectAttempts: 0,
    credentials: null,
    sessionId: null,
    generation: 0,
    disconnectReason: null,
    turnNotice: null,
    transcriptOrder: [],
    transcripts: {},
    currentUserItemId: null,
    activeResponseId: null,
    turnResponseId: null,
    responseCreateDeferred: false,
    assistantSpeaking: false,
    cart: EMPTY_CART,
    handledCallIds: [],
    pendingToolResults: [],
    turnsCompleted: 0,
  }),
  initial: 'offline',
  on: {
    force_reset: {
      target: '.offline',
      actions: [{ type: 'noteDisconnect', params: { reason: 'forced_reset' } }, 'resetReconnectAttempts'],
    },
    new_conversation: { actions: 'startNewConversation' },
    set_scenario: { actions: 'setScenario' },
  },
  states: {
    offline: {
      tags: ['offline'],
      on: {
        connect: { target: 'online', actions: ['clearDisconnect', 'resetReconnectAttempts'] },
        // The button is never dead: pressing it while offline reconnects.
        press: { target: 'online', actions: ['clearDisconnect', 'resetReconnectAttempts'] },
      },
      after: {
        reconnectDelay: { guard: 'shouldReconnect', target: 'online', actions: 'countReconnectAttempt' },
      },
    },
    online: {
      initial: 'fetching_token',
      on: {
        disconnect: {
          target: 'offline',
          actions: [{ type: 'noteDisconnect', params: { reason: 'user' } }, 'resetReconnectAttempts'],
        },
      },
      states: {
        fetching_token: {
          tags: ['connecting'],
          invoke: {
            src: 'fetchSessionToken',
            input: ({ context }) => ({ scenario: context.scenario }),
            onDone: { target: 'connection', actions: 'storeCredentials' },
            onError: {
              target: '#voice.offline',
              actions: assign({
                disconnectReason: ({ event }) => {
                  const error = event.error as { reason?: DisconnectReason; message?: string } | undefined;
                  return describeDisconnect(error?.reason ?? 'token_failed', error?.message);
                },
              }),
            },
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
              actions: { type: 'noteDisconnect', params: { reason: 'connection_lost' } },
            },
            'server.error': [
              {
                guard: 'isSessionExpiredError',
                target: '#voice.offline',
                actions: { type: 'noteDisconnect', params: { reason: 'session_expired' } },
              },
              { guard: 'isActiveResponseError', actions: 'deferResponseCreate' },
            ],
            'server.session_created': { actions: 'recordSessionId' },
            'server.item_added': { actions: 'recordItem' },
            'server.user_transcript_delta': { actions: 'recordUserDelta' },
            'server.user_transcript_completed': { actions: 'recordUserFinal' },
            'server.assistant_transcript_delta': { actions: 'recordAssistantDelta' },
            'server.assistant_transcript_done': { actions: 'recordAssistantFinal' },
            'server.response_created': { actions: 'recordResponseCreated' },
            'server.response_done': { actions: 'recordResponseDone' },
            'server.function_call_done': { actions: 'runToolCall' },
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
                'server.session_updated': { target: 'ready', actions: 'resetReconnectAttempts' },
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
              initial: 'idle',
              states: {
                idle: {
                  tags: ['ready'],
                  on: {
                    press: {
                      target: 'recording',
                      actions: ['clearTurnNotice', 'interruptAssistant', 'clearInputBuffer', 'enableMicrophone'],
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
                  on: {
                    press: {
                      target: 'recording',
                      actions: ['interruptAssistant', 'clearInputBuffer', 'enableMicrophone'],
                    },
                  },
                  states: {
                    post_roll: {
                      tags: ['recording'],
                      after: { postRoll: 'awaiting_ack' },
                    },
                    awaiting_ack: {
                      entry: ['disableMicrophone', 'commitInputBuffer'],
                      on: {
                        'server.input_committed': {
                          target: '#voice.online.connection.ready.waiting_user_final',
                          actions: ['recordCommit', 'requestResponse'],
                        },
                        'server.error': {
                          guard: 'isCommitEmptyError',
                          target: '#voice.online.connection.ready.idle',
                          actions: { type: 'noteTurn', params: { code: 'too_short' } },
                        },
                      },
                      after: {
                        // The service acknowledges a commit at once: no ack means a dead link,
                        // so reconnect rather than leave the kiosk on it.
                        commitTimeout: {
                          target: '#voice.offline',
                          actions: { type: 'noteDisconnect', params: { reason: 'connection_lost' } },
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
                      actions: ['interruptAssistant', 'clearInputBuffer', 'enableMicrophone'],
                    },
                    'server.user_transcript_completed': {
                      target: 'waiting_response',
                      actions: 'recordUserFinal',
                    },
                    'server.user_transcript_failed': {
                      target: 'waiting_response',
                      actions: { type: 'noteTurn', params: { code: 'transcript_failed' } },
                    },
                    'server.response_done': [
                      { guard: 'isTurnResponse', target: 'following_up', actions: 'recordResponseDone' },
                      { actions: 'recordResponseDone' },
                    ],
                  },
                  after: {
                    transcriptTimeout: {
                      target: 'idle',
                      actions: ['interruptAssistant', { type: 'noteTurn', params: { code: 'no_transcript' } }],
                    },
                  },
                },
                waiting_response: {
                  tags: ['waiting'],
                  on: {
                    press: {
                      target: 'recording',
                      actions: ['interruptAssistant', 'clearInputBuffer', 'enableMicrophone'],
                    },
                    'server.response_done': [
                      {
                        guard: 'isFailedTurnResponse',
                        target: 'idle',
                        actions: ['recordResponseDone', { type: 'noteTurn', params: { code: 'response_failed' } }],
                      },
                      { guard: 'isTurnResponse', target: 'following_up', actions: 'recordResponseDone' },
                      { actions: 'recordResponseDone' },
                    ],
                  },
                  after: {
                    responseTimeout: {
                      target: 'idle',
                      actions: ['interruptAssistant', { type: 'noteTurn', params: { code: 'no_response' } }],
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
                      actions: ['sendToolResults', 'requestResponse'],
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
