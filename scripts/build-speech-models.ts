/**
 * Builds the offline recognizer's models into their cache (the n-gram language model and
 * the adapted acoustic model), so the first server start and parallel test workers find
 * them ready instead of each building its own. A no-op when they are cached.
 */

import { languageModel } from '../server/language/languageModel.ts';
import { adaptedAcousticModel } from '../server/speech/acousticAdaptation.ts';

const started = Date.now();
const lm = languageModel();
const acoustic = adaptedAcousticModel();
console.log(`speech models ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${lm.lm}, ${acoustic}`);
