/**
 * The local realtime server's limits, from the environment, checked at start-up: a
 * setting that is not a whole number in range stops the server with a message naming
 * it, instead of silently meaning "no limit".
 */

import type { DtlsSetup } from './loopbackPeer.ts';

export interface RealtimeSettings {
  /** CALL_CONNECT_TIMEOUT_MS: ICE, DTLS and the data channel must be up within this. */
  connectTimeoutMs: number;
  /** SESSION_MAX_SECONDS: sessions end with `session_expired` after this (the real service: 60 minutes). */
  maxSessionMs: number;
  /** SPEECH_PROCESSES: recognitions, and separately syntheses, running at once server-wide. */
  speechProcesses: number;
  /** SPEECH_QUEUE: recognitions, and separately syntheses, waiting server-wide before more are refused. */
  speechQueue: number;
  /** ASR_LANGUAGE: `ngram` (the n-gram model of ordering language and other talk) or `grammar` (the menu's closed JSGF grammar). */
  recognizerLanguage: 'ngram' | 'grammar';
  /** ASR_ACOUSTIC_MODEL: `adapted` (pocketsphinx's en-us model adapted to espeak-ng speech) or `stock`. */
  acousticModel: 'adapted' | 'stock';
  /** REALTIME_DTLS_SETUP: the DTLS end the SDP answer takes, `passive` or `active`. */
  dtlsSetup: DtlsSetup;
}

/** A setting that is one of a few words; the first is the default. */
function choice<T extends string>(env: NodeJS.ProcessEnv, name: string, options: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return options[0]!;
  if (!(options as readonly string[]).includes(raw)) throw new Error(`${name} must be one of ${options.join(', ')}; got '${raw}'.`);
  return raw as T;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; got '${raw}'.`);
  }
  return value;
}

export function readRealtimeSettings(env: NodeJS.ProcessEnv = process.env): RealtimeSettings {
  return {
    connectTimeoutMs: wholeNumber(env, 'CALL_CONNECT_TIMEOUT_MS', 15_000, 100, 600_000),
    maxSessionMs: wholeNumber(env, 'SESSION_MAX_SECONDS', 3_600, 1, 86_400) * 1000,
    speechProcesses: wholeNumber(env, 'SPEECH_PROCESSES', 2, 1, 64),
    speechQueue: wholeNumber(env, 'SPEECH_QUEUE', 8, 0, 1_000),
    recognizerLanguage: choice(env, 'ASR_LANGUAGE', ['ngram', 'grammar'] as const),
    acousticModel: choice(env, 'ASR_ACOUSTIC_MODEL', ['adapted', 'stock'] as const),
    dtlsSetup: choice(env, 'REALTIME_DTLS_SETUP', ['passive', 'active'] as const),
  };
}
