import { describe, expect, it } from 'vitest';
import { layoutWaterfall } from '../src/voice/latencyWaterfall.ts';
import { clientWaterfall, medianCompleteTurn, TurnMetrics } from '../src/voice/turnMetrics.ts';

/** A turn whose moments are `offsets` ms after a press at `at`. */
function recordTurn(metrics: TurnMetrics, at: number, offsets: { release: number; commitSent: number; committed: number; transcript: number; firstAudio: number }) {
  metrics.mark('press', at);
  metrics.mark('recording', at + 2);
  metrics.mark('release', at + offsets.release);
  metrics.mark('commit_sent', at + offsets.commitSent);
  metrics.mark('committed', at + offsets.committed);
  metrics.mark('transcript', at + offsets.transcript);
  metrics.mark('first_audio', at + offsets.firstAudio);
}

describe('the median turn waterfall', () => {
  it('draws the median of the complete turns, each step from the release, the client part first', () => {
    const metrics = new TurnMetrics();
    recordTurn(metrics, 0, { release: 1000, commitSent: 1301, committed: 1305, transcript: 1700, firstAudio: 1800 });
    recordTurn(metrics, 10_000, { release: 1000, commitSent: 1302, committed: 1310, transcript: 2500, firstAudio: 2600 });
    recordTurn(metrics, 20_000, { release: 1000, commitSent: 1303, committed: 1308, transcript: 1900, firstAudio: 2000 });
    // A turn cut off before any reply is not a turn to draw.
    metrics.mark('press', 30_000);
    metrics.mark('release', 30_500);

    const turn = medianCompleteTurn(metrics.report().turns);
    expect(turn?.startedAt).toBe(20_000);
    expect(clientWaterfall(turn!)).toEqual([
      { label: 'release → commit sent (post-roll)', start: 0, end: 303, owner: 'client' },
      { label: 'commit → committed', start: 303, end: 308, owner: 'wait' },
      { label: 'committed → transcript', start: 308, end: 900, owner: 'wait' },
      { label: 'transcript → first audio', start: 900, end: 1000, owner: 'wait' },
    ]);
  });

  it('has nothing to draw before a turn completes', () => {
    const metrics = new TurnMetrics();
    metrics.mark('press', 0);
    metrics.mark('release', 400);
    expect(medianCompleteTurn(metrics.report().turns)).toBeNull();
  });

  it('lays every bar on one time axis, and a step too short to see still shows', () => {
    const layout = layoutWaterfall(
      [
        { label: 'a', start: 0, end: 300, owner: 'client' },
        { label: 'b', start: 300, end: 300.2, owner: 'link' },
        { label: 'c', start: 300, end: 1000, owner: 'server' },
      ],
      720,
      230,
    );
    const [a, b, c] = layout.rows;
    expect(a!.x).toBe(230);
    expect(b!.x).toBeCloseTo(a!.x + a!.width);
    expect(b!.width).toBeGreaterThanOrEqual(1.5);
    expect(c!.x + c!.width).toBeCloseTo(720 - 70);
    expect(layout.ticks.map((tick) => tick.label)).toEqual(['0', '200', '400', '600', '800', '1000']);
    expect(b!.duration).toBe('0.2 ms');
  });
});
