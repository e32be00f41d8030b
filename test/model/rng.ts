/** The seeded generator for random tests: the same seed gives the same run. */

export { createRng, type Rng } from '../../server/seededRandom.ts';
