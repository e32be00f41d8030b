/**
 * Checks a telemetry batch from a kiosk before any of it is counted: the shape in
 * src/protocol/telemetry.ts, every label value from its closed list, every number in
 * range. A batch with one bad event is refused whole, with the problem named: it is a
 * kiosk bug to fix, not data to guess at.
 */

import {
  CONNECTION_EVENTS,
  CONNECTION_REASONS,
  KIOSK_ID_PATTERN,
  LATENCY_STAGES,
  TELEMETRY_LIMITS,
  TURN_OUTCOMES,
  type LatencyStage,
  type TelemetryBatch,
  type TelemetryEvent,
} from '../../src/protocol/telemetry.ts';

/** Ten minutes: a latency or connect time past it is a broken clock, not a slow turn. */
const MAX_SPAN_MS = 600_000;
const MAX_COUNT = 1_000_000;

export type BatchCheck = { ok: true; batch: TelemetryBatch } | { ok: false; problem: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT;
}

function isSpan(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_SPAN_MS;
}

function eventProblem(event: unknown): string | null {
  if (!isObject(event)) return 'is not an object';
  if (typeof event.at !== 'number' || !Number.isFinite(event.at) || event.at <= 0) return 'needs `at`, a time in milliseconds';
  switch (event.kind) {
    case 'heartbeat':
      return null;
    case 'turn': {
      if (!oneOf(TURN_OUTCOMES, event.outcome)) return `has outcome ${JSON.stringify(event.outcome)}; expected one of ${TURN_OUTCOMES.join(', ')}`;
      if (!isObject(event.latencyMs)) return 'needs `latencyMs`, an object';
      for (const [stage, value] of Object.entries(event.latencyMs)) {
        if (!oneOf(LATENCY_STAGES, stage)) return `has latency stage ${JSON.stringify(stage)}; expected one of ${LATENCY_STAGES.join(', ')}`;
        if (!isSpan(value)) return `has latency ${stage} out of range (0 to ${MAX_SPAN_MS} ms)`;
      }
      return null;
    }
    case 'connection':
      if (!oneOf(CONNECTION_EVENTS, event.event)) return `has connection event ${JSON.stringify(event.event)}; expected one of ${CONNECTION_EVENTS.join(', ')}`;
      if (!oneOf(CONNECTION_REASONS, event.reason)) return `has reason ${JSON.stringify(event.reason)}`;
      if (!isCount(event.attempt)) return 'needs `attempt`, a whole number';
      if (typeof event.reconnect !== 'boolean') return 'needs `reconnect`, true or false';
      if (event.connectMs !== undefined && !isSpan(event.connectMs)) return `has connectMs out of range (0 to ${MAX_SPAN_MS} ms)`;
      return null;
    default:
      return `has kind ${JSON.stringify(event.kind)}; expected turn, connection or heartbeat`;
  }
}

export function checkTelemetryBatch(body: string): BatchCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'The body is not valid JSON.' };
  }
  if (!isObject(parsed)) return { ok: false, problem: 'The body must be a JSON object with kiosk, dropped and events.' };
  if (typeof parsed.kiosk !== 'string' || !KIOSK_ID_PATTERN.test(parsed.kiosk)) {
    return { ok: false, problem: 'kiosk must be 1 to 32 letters, digits, "_" or "-".' };
  }
  if (!isCount(parsed.dropped)) return { ok: false, problem: 'dropped must be a whole number.' };
  if (!Array.isArray(parsed.events) || parsed.events.length > TELEMETRY_LIMITS.maxEvents) {
    return { ok: false, problem: `events must be an array of at most ${TELEMETRY_LIMITS.maxEvents}.` };
  }
  for (const [index, event] of parsed.events.entries()) {
    const problem = eventProblem(event);
    if (problem) return { ok: false, problem: `events[${index}] ${problem}.` };
  }
  return { ok: true, batch: parsed as unknown as TelemetryBatch };
}

export function latencyEntries(event: TelemetryEvent & { kind: 'turn' }): [LatencyStage, number][] {
  return Object.entries(event.latencyMs) as [LatencyStage, number][];
}
