/**
 * npm run bench: one run, every figure measured in it. Builds the kiosk and the bench
 * pages, starts the local server in test mode, then measures ingest and sizes (Node),
 * connect for the floor, the kiosk and the SDK (interleaved), push-to-talk beside the naive
 * design (interleaved), and spoken turns; writes bench/results/latest.{md,json,svg} and
 * prints the table.
 *
 * Settings: BENCH_PORT (E2E_PORT, else 5198), BENCH_REPETITIONS (15), BENCH_PRESSES (100),
 * BENCH_TURNS (15), BENCH_LABEL (a name for the run in the report).
 */

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { audioClip, AUDIO_DIR, chromiumWithMicrophone } from '../e2e/kiosk.ts';
import { E2E_CLIPS, silence, synthesize } from '../scripts/make-speech-wavs.ts';
import { startKioskServer } from '../scripts/kioskServer.ts';
import { buildKioskAndPages } from './buildPages.ts';
import { measureConnect } from './connect.ts';
import { measureIngest } from './ingest.ts';
import { measurePushToTalk } from './pushToTalk.ts';
import { markdown, writeReport, type BenchResults } from './report.ts';
import { measureSizes } from './sizes.ts';
import { measureTurns } from './turn.ts';
import { medianTurnSvg } from './waterfallSvg.ts';

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}="${process.env[name]}" must be a whole number of at least 1`);
  return value;
};
const port = setting('BENCH_PORT', Number(process.env.E2E_PORT ?? 5198));
const repetitions = setting('BENCH_REPETITIONS', 15);
const presses = setting('BENCH_PRESSES', 100);
const turns = setting('BENCH_TURNS', 15);
const label = process.env.BENCH_LABEL ?? 'latest';

/** The commit measured; a copy without git history names itself with BENCH_COMMIT. */
function currentCommit(): string {
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const started = Date.now();
const step = (what: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);

step('building the kiosk and the bench pages');
await buildKioskAndPages();
for (const clip of E2E_CLIPS) synthesize(clip, AUDIO_DIR);
silence(AUDIO_DIR);

step('ingest');
const ingest = measureIngest(repetitions);
step('sizes');
const work = mkdtempSync(join(tmpdir(), 'voice-kiosk-bench-'));
const sizes = await measureSizes('dist', work).finally(() => rmSync(work, { recursive: true, force: true }));

const server = await startKioskServer(port);
let results: BenchResults;
try {
  const quiet = await chromium.launch(chromiumWithMicrophone(audioClip('silence')));
  let connect;
  let pushToTalk;
  try {
    step(`connect: ${repetitions} repetitions × floor, kiosk, SDK`);
    connect = await measureConnect(quiet, server.url, repetitions);
    step(`push-to-talk: ${presses} presses × kiosk, naive`);
    pushToTalk = await measurePushToTalk(quiet, server.url, presses);
  } finally {
    await quiet.close();
  }
  const speaking = await chromium.launch(chromiumWithMicrophone(audioClip('cheeseburger')));
  let turn;
  try {
    step(`turns: ${turns} spoken turns`);
    turn = await measureTurns(speaking, server.url, turns);
  } finally {
    await speaking.close();
  }
  results = {
    meta: {
      label,
      commit: currentCommit(),
      date: new Date().toISOString(),
      cores: cpus().length,
      loadAverage: loadavg(),
      repetitions,
      durationSeconds: Math.round((Date.now() - started) / 1000),
    },
    connect,
    pushToTalk,
    turn,
    ingest,
    sizes,
  };
} finally {
  await server.stop();
}
const svg = medianTurnSvg(label, results.turn);
writeReport('bench/results', results, svg);
console.log(`\n${markdown(results)}`);
step('wrote bench/results/latest.md, latest.json, latest.svg');
