/**
 * The long model-based run of the turn machine: `npm run test:model -- --runs 100000`.
 * `--seed N` starts from another seed; a failure prints its seed and shrunk sequence.
 */

import { parseArgs } from 'node:util';
import { runModel } from '../test/model/modelRunner.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' } },
});
const runs = Number(values.runs);
const firstSeed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(firstSeed)) {
  console.error('usage: npm run test:model -- [--runs N] [--seed N]');
  process.exit(2);
}

const started = performance.now();
const report = await runModel({ runs, firstSeed });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (report.failure) {
  const { seed, invariant, detail, shrunk } = report.failure;
  console.error(`FAILED after ${report.runs} sequences: "${invariant}" (${detail})`);
  console.error(`seed ${seed}; shrunk to ${shrunk.length} steps:\n${JSON.stringify(shrunk)}`);
  process.exit(1);
}
console.log(`${report.runs} sequences (${report.steps} steps) kept every promise in ${seconds} s`);
