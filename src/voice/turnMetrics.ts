/**
 * Per-turn latency, from the moments a technician cares about: press → recording,
 * release → committed, committed → transcript, transcript → first reply audio.
 */

export interface TurnTimings {
  pressToRecording: number | null;
  releaseToCommitted: number | null;
  committedToTranscript: number | null;
  transcriptToFirstAudio: number | null;
}

export type TurnMoment = 'press' | 'recording' | 'release' | 'committed' | 'transcript' | 'first_audio';

export interface TurnMetricsReport {
  turns: (TurnTimings & { startedAt: number })[];
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
  private readonly finished: (TurnTimings & { startedAt: number })[] = [];

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

  private timings(moments: Partial<Record<TurnMoment, number>>): TurnTimings & { startedAt: number } {
    const span = (from: TurnMoment, to: TurnMoment) => {
      const start = moments[from];
      const end = moments[to];
      return start !== undefined && end !== undefined ? end - start : null;
    };
    return {
      startedAt: moments.press ?? 0,
      pressToRecording: span('press', 'recording'),
      releaseToCommitted: span('release', 'committed'),
      committedToTranscript: span('committed', 'transcript'),
      transcriptToFirstAudio: span('transcript', 'first_audio'),
    };
  }
}
