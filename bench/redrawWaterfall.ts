/**
 * Redraws a results file's waterfall from its JSON, without measuring again:
 * `tsx bench/redrawWaterfall.ts bench/results/latest` (reads .json, writes .svg).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from './report.ts';
import { medianTurnSvg } from './waterfallSvg.ts';

const base = process.argv[2] ?? 'bench/results/latest';
const results = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as BenchResults;
writeFileSync(`${base}.svg`, medianTurnSvg(results.meta.label, results.turn));
