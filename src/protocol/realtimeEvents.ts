/**
 * The Realtime API event vocabulary shared by the browser client and the local server.
 *
 * The client speaks the current GA names and also accepts the older beta names a
 * deployment may still send; the local server speaks GA only.
 */

export const ServerEventType = {
  sessionCreated: 'session.created',
  sessionUpdated: 'session.updated',
  inputAudioBufferCommitted: 'input_audio_buffer.committed',
  inputAudioBufferCleared: 'input_audio_buffer.cleared',
  conversationItemAdded: 'conversation.item.added',
  conversationItemDone: 'conversation.item.done',
  conversationItemRetrieved: 'conversation.item.retrieved',
  conversationItemDeleted: 'conversation.item.deleted',
  conversationItemTruncated: 'conversation.item.truncated',
  inputTranscriptionDelta: 'conversation.item.input_audio_transcription.delta',
  inputTranscriptionCompleted: 'conversation.item.input_audio_transcription.completed',
  inputTranscriptionFailed: 'conversation.item.input_audio_transcription.failed',
  responseCreated: 'response.created',
  responseOutputItemAdded: 'response.output_item.added',
  responseOutputItemDone: 'response.output_item.done',
  responseContentPartAdded: 'response.content_part.added',
  responseContentPartDone: 'response.content_part.done',
  responseOutputAudioDone: 'response.output_audio.done',
  responseOutputAudioTranscriptDelta: 'response.output_audio_transcript.delta',
  responseOutputAudioTranscriptDone: 'response.output_audio_transcript.done',
  responseOutputTextDelta: 'response.output_text.delta',
  responseOutputTextDone: 'response.output_text.done',
  responseFunctionCallArgumentsDelta: 'response.function_call_arguments.delta',
  responseFunctionCallArgumentsDone: 'response.function_call_arguments.done',
  outputAudioBufferStarted: 'output_audio_buffer.started',
  outputAudioBufferStopped: 'output_audio_buffer.stopped',
  outputAudioBufferCleared: 'output_audio_buffer.cleared',
  responseDone: 'response.done',
  rateLimitsUpdated: 'rate_limits.updated',
  error: 'error',
} as const;

export type ServerEventTypeName = (typeof ServerEventType)[keyof typeof ServerEventType];

/**
 * Beta event names and the GA name each one means. A Map, not an object literal: a
 * wire type such as "constructor" must not find an inherited member.
 */
export const BETA_EVENT_ALIASES: ReadonlyMap<string, ServerEventTypeName> = new Map([
  ['conversation.item.created', ServerEventType.conversationItemAdded],
  ['response.audio_transcript.delta', ServerEventType.responseOutputAudioTranscriptDelta],
  ['response.audio_transcript.done', ServerEventType.responseOutputAudioTranscriptDone],
  ['response.text.delta', ServerEventType.responseOutputTextDelta],
  ['response.text.done', ServerEventType.responseOutputTextDone],
  ['response.audio.done', ServerEventType.responseOutputAudioDone],
]);

/**
 * Server events the client knows exist but has no use for; they are counted, not
 * reported as unknown.
 */
export const IGNORED_SERVER_EVENT_TYPES: ReadonlySet<string> = new Set([
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.timeout_triggered',
  ServerEventType.conversationItemRetrieved,
  ServerEventType.conversationItemDeleted,
  ServerEventType.conversationItemTruncated,
  ServerEventType.responseContentPartAdded,
  ServerEventType.responseContentPartDone,
  ServerEventType.responseOutputAudioDone,
  'response.output_audio.delta',
  'response.audio.delta',
  'rate_limits.updated',
]);

export const ClientEventType = {
  sessionUpdate: 'session.update',
  inputAudioBufferClear: 'input_audio_buffer.clear',
  inputAudioBufferCommit: 'input_audio_buffer.commit',
  conversationItemCreate: 'conversation.item.create',
  responseCreate: 'response.create',
  responseCancel: 'response.cancel',
  outputAudioBufferClear: 'output_audio_buffer.clear',
  conversationItemRetrieve: 'conversation.item.retrieve',
  conversationItemDelete: 'conversation.item.delete',
  conversationItemTruncate: 'conversation.item.truncate',
} as const;

export type ClientEventTypeName = (typeof ClientEventType)[keyof typeof ClientEventType];

/**
 * The metadata key the client tags each `response.create` with; the service echoes a
 * response's metadata in `response.created`, which tells which request it answers.
 */
export const RESPONSE_TAG_FIELD = 'kiosk_request';

/** Error codes the real service sends that the client treats as recoverable. */
export const ErrorCode = {
  commitEmpty: 'input_audio_buffer_commit_empty',
  activeResponse: 'conversation_already_has_active_response',
  sessionExpired: 'session_expired',
} as const;

/** A function tool as declared in `session.update`. */
export interface FunctionTool {
  type: 'function';
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface SessionConfig {
  instructions: string;
  tools: FunctionTool[];
  voice?: string;
  transcriptionModel?: string;
}

/**
 * Builds the GA `session.update` for push-to-talk: no server VAD, input transcription on.
 * A summary of the conversation so far follows the instructions, for a session that
 * takes over from an earlier one.
 */
export function buildSessionUpdate(config: SessionConfig, conversationSummary: string | null = null): Record<string, unknown> {
  return {
    type: ClientEventType.sessionUpdate,
    session: {
      type: 'realtime',
      instructions: conversationSummary ? `${config.instructions}\n\n${conversationSummary}` : config.instructions,
      output_modalities: ['audio'],
      audio: {
        input: {
          turn_detection: null,
          transcription: { model: config.transcriptionModel ?? 'gpt-4o-mini-transcribe' },
        },
        output: { voice: config.voice ?? 'marin' },
      },
      tools: config.tools,
      tool_choice: 'auto',
    },
  };
}

/** Test-visible audio statistics the local server attaches to `input_audio_buffer.committed`. */
export interface LocalAudioStats {
  packets: number;
  bytes: number;
  duration_ms: number;
}

/** Fields the local server adds to events; the real service never sends them. */
export const LOCAL_AUDIO_STATS_FIELD = 'x_local_audio';
