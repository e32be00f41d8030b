/**
 * Per-turn latency, from the moments a technician cares about: press → recording,
 * release → committed, committed → transcript, transcript → first reply audio; and the
 * median turn's waterfall for the debug panel.
 */

import type { WaterfallStep } from './latencyWaterfall.ts';

export interface TurnTimings {
  pressToRecording: number | null;
  releaseToCommitted: number | null;
  committedToTranscript: number | null;
  transcriptToFirstAudio: number | null;
}

export type TurnMoment = 'press' | 'recording' | 'release' | 'commit_sent' | 'committed' | 'transcript' | 'first_audio';

export type TurnRecord = TurnTimings & { startedAt: number; moments: Partial<Record<TurnMoment, number>> };

export interface TurnMetricsReport {
  turns: TurnRecord[];
  median: TurnTimings;
}

const KEPT_TURNS = 20;

/** The middle value (mean of the two middle ones for an even count); null when there are none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export class TurnMetrics {
  private current: Partial<Record<TurnMoment, number>> | null = null;
  private readonly finished: TurnRecord[] = [];

  /** Marks a moment of the turn in progress; a press starts a new turn. */
  mark(moment: TurnMoment, at: number = Date.now()): void {
    if (moment === 'press') {
      this.flush();
      this.current = { press: at };
      return;
    }
    // Only the first of each moment counts: a second transcript is not the first one.
    if (this.current && this.current[moment] === undefined) this.current[moment] = at;
    if (moment === 'first_audio') this.flush();
  }

  /** The latest turn's timings (`back` = 1 for the one before it), or null. */
  latest(back = 0): TurnTimings | null {
    const turns = this.report().turns;
    return turns[turns.length - 1 - back] ?? null;
  }

  report(): TurnMetricsReport {
    const turns = [...this.finished];
    if (this.current?.press !== undefined) turns.push(this.timings(this.current));
    const pick = (key: keyof TurnTimings) =>
      median(turns.map((turn) => turn[key]).filter((value): value is number => value !== null));
    return {
      turns,
      median: {
        pressToRecording: pick('pressToRecording'),
        releaseToCommitted: pick('releaseToCommitted'),
        committedToTranscript: pick('committedToTranscript'),
        transcriptToFirstAudio: pick('transcriptToFirstAudio'),
      },
    };
  }

  private flush(): void {
    if (this.current?.press === undefined) return;
    this.finished.push(this.timings(this.current));
    if (this.finished.length > KEPT_TURNS) this.finished.shift();
    this.current = null;
  }

  private timings(moments: Partial<Record<TurnMoment, number>>): TurnRecord {
    const span = (from: TurnMoment, to: TurnMoment) => {
      const start = moments[from];
      const end = moments[to];
      return start !== undefined && end !== undefined ? end - start : null;
    };
    return {
      startedAt: moments.press ?? 0,
      moments: { ...moments },
      pressToRecording: span('press', 'recording'),
      releaseToCommitted: span('release', 'committed'),
      committedToTranscript: span('committed', 'transcript'),
      transcriptToFirstAudio: span('transcript', 'first_audio'),
    };
  }
}

/** Of the turns that reached their first reply audio, the one in the middle by release → first audio. */
export function medianCompleteTurn(turns: TurnRecord[]): TurnRecord | null {
  const complete = turns
    .filter((turn) => turn.moments.release !== undefined && turn.moments.first_audio !== undefined)
    .sort((a, b) => a.moments.first_audio! - a.moments.release! - (b.moments.first_audio! - b.moments.release!));
  return complete[Math.floor(complete.length / 2)] ?? null;
}

/**
 * A turn as the client saw it, from the release: its own part up to the commit (the
 * post-roll included), then what it waited on the server and the link for.
 */
export function clientWaterfall(turn: TurnRecord): WaterfallStep[] {
  const { release, commit_sent: commitSent, committed, transcript, first_audio: firstAudio } = turn.moments;
  if (release === undefined) return [];
  const steps: WaterfallStep[] = [];
  const add = (label: string, from: number | undefined, to: number | undefined, owner: WaterfallStep['owner']) => {
    if (from !== undefined && to !== undefined) steps.push({ label, start: from - release, end: to - release, owner });
  };
  add('release → commit sent (post-roll)', release, commitSent, 'client');
  add('commit → committed', commitSent ?? release, committed, 'wait');
  add('committed → transcript', committed, transcript, 'wait');
  add('transcript → first audio', transcript, firstAudio, 'wait');
  return steps;
}
