/** The bench's report: the table, every goal met or not, and the files it writes. */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectResult } from './connect.ts';
import type { IngestResult } from './ingest.ts';
import type { PushToTalkResult } from './pushToTalk.ts';
import type { SizeResult } from './sizes.ts';
import { ms, ratio, type Spread } from './stats.ts';
import type { TurnResult } from './turn.ts';

export interface BenchResults {
  meta: { label: string; commit: string; date: string; cores: number; loadAverage: number[]; repetitions: number; durationSeconds: number };
  connect: ConnectResult;
  pushToTalk: PushToTalkResult;
  turn: TurnResult;
  ingest: IngestResult;
  sizes: SizeResult;
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const withSpread = (value: Spread, digits = 0) => `${ms(value.median, digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})`;
const us = (value: Spread) => `${value.median.toFixed(2)} µs`;

export function goals(results: BenchResults): Goal[] {
  const { connect, pushToTalk, turn, ingest, sizes } = results;
  const navRatio = connect.kiosk.navigationToCreated.median / connect.floor.navigationToCreated.median;
  const connectRatio = connect.kiosk.connectToCreated.median / connect.floor.connectToCreated.median;
  const ingestRatio = ingest.handler.median / ingest.parse.median;
  return [
    { goal: 'navigation → session.created ≤ 1.15 × floor', measured: `${navRatio.toFixed(2)} ×`, met: navRatio <= 1.15 },
    { goal: 'connect → session.created ≤ 1.05 × floor', measured: `${connectRatio.toFixed(2)} ×`, met: connectRatio <= 1.05 },
    {
      goal: 'connect → session.created ≤ the SDK',
      measured: `${ms(connect.kiosk.connectToCreated.median)} vs ${ms(connect.sdk.connectToCreated.median)}`,
      met: connect.kiosk.connectToCreated.median <= connect.sdk.connectToCreated.median,
    },
    { goal: 'press → recording p95 < 16 ms', measured: ms(pushToTalk.kiosk.pressToLive.p95, 1), met: pushToTalk.kiosk.pressToLive.p95 < 16 },
    { goal: 'client share of turn latency < 5 ms', measured: `median ${ms(turn.clientTime.median, 1)}`, met: turn.clientTime.median < 5 },
    { goal: 'ingest ≤ 1.5 × JSON.parse', measured: `${ingestRatio.toFixed(2)} ×`, met: ingestRatio <= 1.5 },
    { goal: 'first chunk ≤ 30 KB gzip', measured: kb(sizes.firstChunk), met: sizes.firstChunk <= 30 * 1024 },
  ];
}

export function markdown(results: BenchResults): string {
  const { meta, connect, pushToTalk, turn, ingest, sizes } = results;
  const lines: string[] = [];
  lines.push(
    `# Bench: ${meta.label}`,
    '',
    `${meta.date}, commit ${meta.commit}, ${meta.cores} cores, load ${meta.loadAverage.map((value) => value.toFixed(2)).join(' ')}; ${meta.durationSeconds} s in all. Medians (min–max); read the ratios, the machine is shared.`,
    '',
    `## Connect (${meta.repetitions} interleaved repetitions, fresh browser context each)`,
    '',
    '| | bare floor | our kiosk | official SDK | kiosk / floor | kiosk / SDK |',
    '|---|---|---|---|---|---|',
  );
  const row = (label: string, key: keyof ConnectResult['floor']) =>
    `| ${label} | ${withSpread(connect.floor[key])} | ${withSpread(connect.kiosk[key])} | ${withSpread(connect.sdk[key])} | ${ratio(connect.kiosk[key].median, connect.floor[key].median)} | ${ratio(connect.kiosk[key].median, connect.sdk[key].median)} |`;
  lines.push(
    row('navigation → session.created', 'navigationToCreated'),
    row('navigation → ready (session.updated)', 'navigationToReady'),
    row('navigation → connect call (token request)', 'navigationToConnect'),
    row('navigation → first contentful paint', 'navigationToFirstPaint'),
    row('connect → session.created', 'connectToCreated'),
    row('connect → ready', 'connectToReady'),
    '',
    `## Push-to-talk (${pushToTalk.presses} presses each, alternating blocks of 10)`,
    '',
    '| | kiosk p50 | kiosk p95 | naive (getUserMedia per press) p50 | naive p95 |',
    '|---|---|---|---|---|',
    `| press → microphone live and recording | ${ms(pushToTalk.kiosk.pressToLive.median, 1)} | ${ms(pushToTalk.kiosk.pressToLive.p95, 1)} | ${ms(pushToTalk.naive.pressToLive.median, 1)} | ${ms(pushToTalk.naive.pressToLive.p95, 1)} |`,
    `| release → input_audio_buffer.commit sent | ${ms(pushToTalk.kiosk.releaseToCommit.median, 1)} | ${ms(pushToTalk.kiosk.releaseToCommit.p95, 1)} | ${ms(pushToTalk.naive.releaseToCommit.median, 1)} | ${ms(pushToTalk.naive.releaseToCommit.p95, 1)} |`,
    '',
    `The kiosk's release → commit includes its ${pushToTalk.kiosk.postRollMs} ms post-roll (the microphone stays open to keep the end of the last word); the naive page commits at once and clips it.`,
    '',
    `## Turn (${turn.turns} spoken turns, "i'd like a cheeseburger")`,
    '',
    '| release → | median (min–max) |',
    '|---|---|',
    `| input_audio_buffer.committed | ${withSpread(turn.releaseToCommitted)} |`,
    `| final transcript | ${withSpread(turn.releaseToTranscript)} |`,
    `| first reply audio (output_audio_buffer.started) | ${withSpread(turn.releaseToFirstAudio)} |`,
    `| of which client (own work, less the ${turn.postRollMs} ms post-roll) | ${withSpread(turn.clientTime, 2)} |`,
    `| of which server (commit received → first audio sent) | ${withSpread(turn.serverTime)} |`,
    `| of which link (loopback, SCTP, event loops; both ways) | ${withSpread(turn.linkTime, 1)} |`,
    '',
    `The median turn's client handling by message type: ${Object.entries(turn.median.handlingByType ?? {})
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 6)
      .map(([type, total]) => `${type} ${total.ms.toFixed(1)} ms (${total.count}×)`)
      .join(', ')}.`,
    '',
    '![latency waterfall of the median turn](latest.svg)',
    '',
    `## Ingest (${ingest.messages} recorded messages per repeat, ${ingest.parse.n} repeats)`,
    '',
    '| | per message | ratio to JSON.parse |',
    '|---|---|---|',
    `| JSON.parse alone | ${us(ingest.parse)} | 1.00 × |`,
    `| handler (string → machine event) | ${us(ingest.handler)} | ${ratio(ingest.handler.median, ingest.parse.median)} |`,
    `| handler + event log | ${us(ingest.handlerWithLog)} | ${ratio(ingest.handlerWithLog.median, ingest.parse.median)} |`,
    '',
    '## Size (gzip -9, all built with Vite, minified ES modules)',
    '',
    '| | gzip |',
    '|---|---|',
    `| core client (machine + connection + handler, no React) | ${kb(sizes.coreClient)} |`,
    `| first chunk (${sizes.firstChunkFiles.join(', ')}) | ${kb(sizes.firstChunk)} |`,
    `| whole kiosk (all scripts and styles) | ${kb(sizes.wholeKiosk)} |`,
    `| official SDK browser bundle | ${kb(sizes.sdkBundle)} |`,
    '',
    '## Goals',
    '',
    '| goal | measured | met |',
    '|---|---|---|',
    ...goals(results).map((goal) => `| ${goal.goal} | ${goal.measured} | ${goal.met ? 'yes' : 'no'} |`),
    '',
  );
  return lines.join('\n');
}

export function writeReport(dir: string, results: BenchResults, svg: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ ...results, goals: goals(results) }, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), markdown(results));
  writeFileSync(join(dir, 'latest.svg'), svg);
}
