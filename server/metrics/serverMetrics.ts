/**
 * The kiosk server's own Prometheus metrics, in one registry: tokens, calls, data-channel
 * traffic, speech work and the process itself. The process figures (heap, RSS, active
 * handles, event-loop lag) are prom-client's defaults; speech child processes are ours —
 * an orphaned espeak-ng per restart was the incident nobody saw until the kiosk ran out
 * of memory, and a gauge would have shown it climbing.
 *
 * Every label value comes from a closed list, so the series count cannot grow with traffic.
 */

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { liveChildPids } from '../speech/childProcesses.ts';
import type { WorkObserver } from '../speech/workLimiter.ts';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

export const TOKEN_REFUSAL_REASONS = ['origin', 'scenario_refused', 'rate_limited', 'live_tokens_full', 'upstream_failed', 'other'] as const;
export type TokenRefusalReason = (typeof TOKEN_REFUSAL_REASONS)[number];

export const tokensMinted = new Counter({
  name: 'kiosk_tokens_minted_total',
  help: 'Realtime tokens handed to kiosks by /api/session, by where they came from (local or openai).',
  labelNames: ['mode'] as const,
  registers: [registry],
});

export const tokensRefused = new Counter({
  name: 'kiosk_tokens_refused_total',
  help: 'Token requests /api/session refused, by reason.',
  labelNames: ['reason'] as const,
  registers: [registry],
});

export const callsOpen = new Gauge({
  name: 'kiosk_calls_open',
  help: 'Local realtime calls held now, from before negotiation to close.',
  registers: [registry],
});

export const callDuration = new Histogram({
  name: 'kiosk_call_duration_seconds',
  help: 'How long local realtime calls lasted, from offer to close.',
  buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
  registers: [registry],
});

export const CALL_CLOSE_REASONS = [
  'data_channel_closed',
  'peer_failed',
  'peer_closed',
  'connect_deadline',
  'negotiation_failed',
  'session_dropped',
  'server_shutting_down',
  'other',
] as const;
export type CallCloseReason = (typeof CALL_CLOSE_REASONS)[number];

export const callCloses = new Counter({
  name: 'kiosk_call_closes_total',
  help: 'Local realtime calls closed, by reason.',
  labelNames: ['reason'] as const,
  registers: [registry],
});

for (const reason of CALL_CLOSE_REASONS) callCloses.inc({ reason }, 0);

export const dataChannelMessages = new Counter({
  name: 'kiosk_datachannel_messages_total',
  help: 'Data-channel messages of local realtime calls, by direction (in from the kiosk, out to it).',
  labelNames: ['direction'] as const,
  registers: [registry],
});

export const dataChannelRefused = new Counter({
  name: 'kiosk_datachannel_messages_refused_total',
  help: 'Data-channel messages from kiosks refused before any work, by the error code they were answered with.',
  labelNames: ['code'] as const,
  registers: [registry],
});

export const speechRunning = new Gauge({
  name: 'kiosk_speech_running',
  help: 'Server-wide speech work running now, by kind (recognizer, synthesizer).',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const speechQueueDepth = new Gauge({
  name: 'kiosk_speech_queue_depth',
  help: 'Server-wide speech work waiting for a slot now, by kind (recognizer, synthesizer).',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const speechDuration = new Histogram({
  name: 'kiosk_speech_duration_seconds',
  help: 'Speech work by kind and phase: wait (in the line) and run (the processes), with its result (ok, failed).',
  labelNames: ['kind', 'phase', 'result'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const speechRefused = new Counter({
  name: 'kiosk_speech_refused_total',
  help: 'Speech work refused at once because the line was full (or cancelled while waiting), by kind.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

new Gauge({
  name: 'kiosk_child_processes',
  help: 'Speech child processes (pocketsphinx, espeak-ng, sox) alive now.',
  registers: [registry],
  collect() {
    this.set(liveChildPids().length);
  },
});

/** The close reasons calls give (free text, some with details), as a closed list of label values. */
export function callCloseReasonOf(reason: string): CallCloseReason {
  if (reason === 'data channel closed') return 'data_channel_closed';
  if (reason === 'peer failed') return 'peer_failed';
  if (reason === 'peer closed') return 'peer_closed';
  if (reason.startsWith('not connected before')) return 'connect_deadline';
  if (reason === 'negotiation failed') return 'negotiation_failed';
  if (reason === 'session dropped the peer') return 'session_dropped';
  if (reason === 'server shutting down') return 'server_shutting_down';
  return 'other';
}

/** What a server-wide speech limiter reports, as the speech gauges and histogram. */
export function speechObserver(kind: 'recognizer' | 'synthesizer'): WorkObserver {
  return {
    changed: (running, queued) => {
      speechRunning.set({ kind }, running);
      speechQueueDepth.set({ kind }, queued);
    },
    finished: (waitSeconds, runSeconds, result) => {
      speechDuration.observe({ kind, phase: 'wait', result }, waitSeconds);
      speechDuration.observe({ kind, phase: 'run', result }, runSeconds);
    },
    refused: () => speechRefused.inc({ kind }),
  };
}
