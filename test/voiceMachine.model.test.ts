/**
 * The turn machine against random interleavings: presses, releases, every server event
 * with current, old and unknown ids, faults on the wire, stale connections, and time.
 * After every step each promise is checked (see test/model/modelRunner.ts); a failure
 * names the promise and prints the seed and the shrunk sequence that breaks it.
 * `npm run test:model -- --runs 100000` is the long run.
 */

import { describe, expect, it } from 'vitest';
import { runModel, runSequence, type Step } from './model/modelRunner.ts';

const RUNS = Number(process.env.MODEL_RUNS ?? 10_000);

describe('the turn machine under random sequences', () => {
  it(`keeps every promise over ${RUNS} seeded sequences`, async () => {
    const report = await runModel({ runs: RUNS });
    if (report.failure) {
      const { seed, invariant, detail, shrunk } = report.failure;
      expect.fail(`"${invariant}" broke (${detail}); seed ${seed}, shrunk sequence:\n${JSON.stringify(shrunk)}`);
    }
    expect(report.runs).toBe(RUNS);
  }, 120_000);

  it('keeps the sequences it found against the earlier machine: a throwing connection, a stray tool call, a press while connecting', async () => {
    // Sequences the model once found against the earlier machine; they must keep passing.
    const found: Step[][] = [
      [{ do: 'send_throws' }, { do: 'press' }, { do: 'deliver', wire: 'input' }],
      [{ do: 'connect' }, { do: 'stray', kind: 52 }],
      [{ do: 'press' }, { do: 'deliver', wire: 'response' }, { do: 'advance', ms: 15_000 }],
    ];
    for (const steps of found) {
      expect((await runSequence(1, steps)).failure).toBeNull();
    }
  });
});
