import { describe, expect, it } from 'vitest';
import { StormDetector } from '../../src/kitchen/stormDetector.ts';
import { retryDelayMs } from '../../src/net/retrySchedule.ts';

describe('the reconnect storm detector', () => {
  it('calls five reconnects within ten seconds a storm, once, and a calm spell ends it', () => {
    const detector = new StormDetector();
    const started = [0, 2_000, 4_000, 6_000, 8_000, 9_000].map((at) => detector.record(at));
    expect(started).toEqual([false, false, false, false, true, false]);
    expect(detector.report()).toEqual({ reconnects: 6, storms: 1, inStorm: true });
    expect(detector.record(30_000)).toBe(false);
    expect(detector.report().inStorm).toBe(false);
  });

  it('does not call reconnects spread over more than ten seconds a storm', () => {
    const detector = new StormDetector();
    for (let at = 0; at < 60_000; at += 2_600) detector.record(at);
    expect(detector.report().storms).toBe(0);
  });
});

describe('the retry schedule', () => {
  const policy = { baseMs: 1_000, capMs: 30_000 };

  it('doubles from the base to the cap, drawn between half and all of it', () => {
    expect([1, 2, 3, 6, 20].map((failures) => retryDelayMs(policy, failures, () => 1))).toEqual([1_000, 2_000, 4_000, 30_000, 30_000]);
    expect([1, 2, 3].map((failures) => retryDelayMs(policy, failures, () => 0))).toEqual([500, 1_000, 2_000]);
  });
});
