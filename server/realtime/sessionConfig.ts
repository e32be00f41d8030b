/**
 * The session a client configures with `session.update` (or the `session` part of a
 * multipart call offer), checked field by field as the real service does: wrong types
 * and values are refused with the field named, nothing is half-applied, and every field
 * the service echoes in `session.created` / `session.updated` is kept and echoed.
 *
 * Incident this prevents: the server echoed a fixed session (`model: local-realtime`,
 * its own transcription model, no voice, no formats) whatever the client asked for, so
 * a client checking its configuration against the echo (the official SDK keeps it as
 * its raw session config) saw settings it never chose, and asked-for settings the local
 * server cannot honour (voice activity detection) were silently dropped.
 *
 * What the local server cannot do it refuses by name: it does push-to-talk only
 * (`turn_detection: null`).
 */

export interface SessionConfigRefusal {
  code: string;
  message: string;
  param: string;
}

export type AudioFormat = { type: 'audio/pcm'; rate: 24000 } | { type: 'audio/pcmu' } | { type: 'audio/pcma' };

export interface SessionSettings {
  model: string;
  instructions: string;
  tools: unknown[];
  toolChoice: unknown;
  outputModalities: ['audio'] | ['text'];
  maxOutputTokens: number | 'inf';
  tracing: unknown;
  input: {
    format: AudioFormat;
    /** null: the service transcribes nothing, and sends no transcription events. */
    transcription: { model: string; language?: string; prompt?: string } | null;
    noiseReduction: { type: 'near_field' | 'far_field' } | null;
  };
  output: { format: AudioFormat; voice: string; speed: number };
}

/** The GA voices. */
export const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const;

/** Transcription models the service names in its reference. */
const TRANSCRIPTION_MODEL = /^(whisper-1|gpt-4o(-mini)?-transcribe(-[a-z0-9-]+)?)$/;

export const DEFAULT_MODEL = 'gpt-realtime';

/**
 * A new session, as the service starts one, except that input is already transcribed
 * (the local server's clients all ask for it, and a test without a session.update still
 * gets its transcripts) and turn detection is off (push-to-talk is all it does).
 */
export function defaultSessionSettings(model = DEFAULT_MODEL): SessionSettings {
  return {
    model,
    instructions: '',
    tools: [],
    toolChoice: 'auto',
    outputModalities: ['audio'],
    maxOutputTokens: 'inf',
    tracing: null,
    input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'gpt-4o-mini-transcribe' }, noiseReduction: null },
    output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin', speed: 1 },
  };
}

/** The session as `session.created` / `session.updated` carry it. */
export function sessionObject(id: string, settings: SessionSettings, expiresAt: number): Record<string, unknown> {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id,
    model: settings.model,
    output_modalities: settings.outputModalities,
    instructions: settings.instructions,
    tools: settings.tools,
    tool_choice: settings.toolChoice,
    max_output_tokens: settings.maxOutputTokens,
    tracing: settings.tracing,
    prompt: null,
    expires_at: expiresAt,
    include: null,
    audio: {
      input: {
        format: settings.input.format,
        transcription: settings.input.transcription,
        noise_reduction: settings.input.noiseReduction,
        turn_detection: null,
      },
      output: settings.output,
    },
  };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function invalidType(param: string, expected: string, value: unknown): SessionConfigRefusal {
  return { code: 'invalid_type', param, message: `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.` };
}

function invalidValue(param: string, message: string): SessionConfigRefusal {
  return { code: 'invalid_value', param, message: `Invalid value for '${param}': ${message}` };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function audioFormat(value: unknown, param: string): AudioFormat | SessionConfigRefusal {
  if (!isObject(value)) return invalidType(param, 'an object', value);
  if (value.type === 'audio/pcm') {
    if (value.rate !== undefined && value.rate !== 24000) return invalidValue(`${param}.rate`, 'audio/pcm is 24000 Hz only.');
    return { type: 'audio/pcm', rate: 24000 };
  }
  if (value.type === 'audio/pcmu' || value.type === 'audio/pcma') return { type: value.type };
  return invalidValue(`${param}.type`, "expected one of 'audio/pcm', 'audio/pcmu', 'audio/pcma'.");
}

function transcription(value: unknown, param: string): SessionSettings['input']['transcription'] | SessionConfigRefusal {
  if (value === null) return null;
  if (!isObject(value)) return invalidType(param, 'an object or null', value);
  const model = value.model ?? 'gpt-4o-mini-transcribe';
  if (typeof model !== 'string') return invalidType(`${param}.model`, 'a string', model);
  if (!TRANSCRIPTION_MODEL.test(model)) return invalidValue(`${param}.model`, `'${model.slice(0, 64)}' is not a transcription model.`);
  const result: { model: string; language?: string; prompt?: string } = { model };
  for (const key of ['language', 'prompt'] as const) {
    const field = value[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== 'string') return invalidType(`${param}.${key}`, 'a string', field);
    result[key] = field;
  }
  return result;
}

function isRefused<T>(value: T | SessionConfigRefusal): value is SessionConfigRefusal {
  return isObject(value) && typeof (value as { code?: unknown }).code === 'string' && typeof (value as { param?: unknown }).param === 'string';
}

function applyInput(next: SessionSettings, input: unknown): SessionConfigRefusal | null {
  if (input === undefined) return null;
  if (!isObject(input)) return invalidType('session.audio.input', 'an object', input);
  if (input.format !== undefined) {
    const format = audioFormat(input.format, 'session.audio.input.format');
    if (isRefused(format)) return format;
    next.input.format = format;
  }
  if (input.transcription !== undefined) {
    const checked = transcription(input.transcription, 'session.audio.input.transcription');
    if (isRefused(checked)) return checked;
    next.input.transcription = checked;
  }
  if (input.noise_reduction !== undefined) {
    const value = input.noise_reduction;
    if (value !== null && !(isObject(value) && (value.type === 'near_field' || value.type === 'far_field'))) {
      return invalidValue('session.audio.input.noise_reduction', "expected null or { type: 'near_field' | 'far_field' }.");
    }
    next.input.noiseReduction = value === null ? null : { type: value.type as 'near_field' | 'far_field' };
  }
  if (input.turn_detection !== undefined && input.turn_detection !== null) {
    return invalidValue(
      'session.audio.input.turn_detection',
      'the local realtime server does push-to-talk only; set turn_detection to null and commit the input audio buffer.',
    );
  }
  return null;
}

function applyOutput(next: SessionSettings, output: unknown): SessionConfigRefusal | null {
  if (output === undefined) return null;
  if (!isObject(output)) return invalidType('session.audio.output', 'an object', output);
  if (output.format !== undefined) {
    const format = audioFormat(output.format, 'session.audio.output.format');
    if (isRefused(format)) return format;
    next.output.format = format;
  }
  if (output.voice !== undefined) {
    if (typeof output.voice !== 'string') return invalidType('session.audio.output.voice', 'a string', output.voice);
    if (!(VOICES as readonly string[]).includes(output.voice)) {
      return invalidValue('session.audio.output.voice', `expected one of ${VOICES.map((voice) => `'${voice}'`).join(', ')}.`);
    }
    next.output.voice = output.voice;
  }
  if (output.speed !== undefined) {
    if (typeof output.speed !== 'number' || !(output.speed >= 0.25 && output.speed <= 1.5)) {
      return invalidValue('session.audio.output.speed', 'expected a number from 0.25 to 1.5.');
    }
    next.output.speed = output.speed;
  }
  return null;
}

function applyTopLevel(next: SessionSettings, fields: Record<string, unknown>): SessionConfigRefusal | null {
  if (fields.type !== undefined && fields.type !== 'realtime') {
    return invalidValue('session.type', "the local server opens realtime sessions only ('realtime').");
  }
  if (fields.model !== undefined) {
    if (typeof fields.model !== 'string' || fields.model.length === 0) return invalidType('session.model', 'a string', fields.model);
    next.model = fields.model;
  }
  if (fields.instructions !== undefined) {
    if (typeof fields.instructions !== 'string') return invalidType('session.instructions', 'a string', fields.instructions);
    next.instructions = fields.instructions;
  }
  if (fields.tools !== undefined) {
    if (!Array.isArray(fields.tools)) return invalidType('session.tools', 'an array', fields.tools);
    next.tools = fields.tools;
  }
  if (fields.tool_choice !== undefined) next.toolChoice = fields.tool_choice;
  if (fields.tracing !== undefined) next.tracing = fields.tracing;
  if (fields.output_modalities !== undefined) {
    const modalities = fields.output_modalities;
    if (!Array.isArray(modalities)) return invalidType('session.output_modalities', 'an array', modalities);
    if (modalities.length !== 1 || (modalities[0] !== 'audio' && modalities[0] !== 'text')) {
      return invalidValue('session.output_modalities', "expected ['audio'] or ['text'].");
    }
    next.outputModalities = [modalities[0]];
  }
  if (fields.max_output_tokens !== undefined) {
    const max = fields.max_output_tokens;
    if (max !== 'inf' && !(typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= 4096)) {
      return invalidValue('session.max_output_tokens', "expected a whole number from 1 to 4096, or 'inf'.");
    }
    next.maxOutputTokens = max;
  }
  return null;
}

/** The settings after applying `session` from a `session.update`, or why it is refused. */
export function applySessionUpdate(current: SessionSettings, session: unknown): SessionSettings | SessionConfigRefusal {
  if (session === undefined) return current;
  if (!isObject(session)) return invalidType('session', 'an object', session);
  const next: SessionSettings = {
    ...current,
    input: { ...current.input },
    output: { ...current.output },
  };
  const refusal = applyTopLevel(next, session);
  if (refusal) return refusal;
  const audio = session.audio;
  if (audio !== undefined) {
    if (!isObject(audio)) return invalidType('session.audio', 'an object', audio);
    const audioRefusal = applyInput(next, audio.input) ?? applyOutput(next, audio.output);
    if (audioRefusal) return audioRefusal;
  }
  return next;
}

export function isRefusal(value: SessionSettings | SessionConfigRefusal): value is SessionConfigRefusal {
  return 'code' in value;
}
