/** Writes the soak's heap-per-turn figures as CSV and as a small SVG line plot. */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HeapSample {
  turn: number;
  usedBytes: number;
}

export function writeHeapPlot(dir: string, samples: HeapSample[], title: string): { csv: string; svg: string } {
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, 'heap-per-turn.csv');
  writeFileSync(csv, ['turn,used_bytes', ...samples.map((sample) => `${sample.turn},${sample.usedBytes}`)].join('\n') + '\n');
  const svg = join(dir, 'heap-per-turn.svg');
  writeFileSync(svg, renderSvg(samples, title));
  return { csv, svg };
}

function renderSvg(samples: HeapSample[], title: string): string {
  const width = 800;
  const height = 400;
  const margin = { left: 70, right: 20, top: 40, bottom: 40 };
  const turns = samples.map((sample) => sample.turn);
  const megabytes = samples.map((sample) => sample.usedBytes / 1_048_576);
  const [minTurn, maxTurn] = [Math.min(...turns), Math.max(...turns, 1)];
  // The axis starts at zero: a leak should look like one, and noise should not.
  const maxMb = Math.max(...megabytes, 1) * 1.1;
  const x = (turn: number) => margin.left + ((turn - minTurn) / Math.max(1, maxTurn - minTurn)) * (width - margin.left - margin.right);
  const y = (mb: number) => height - margin.bottom - (mb / maxMb) * (height - margin.top - margin.bottom);
  const points = samples.map((sample, index) => `${x(sample.turn).toFixed(1)},${y(megabytes[index] ?? 0).toFixed(1)}`).join(' ');
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * maxMb);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>
${yTicks
  .map(
    (mb) =>
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(mb)}" y2="${y(mb)}" stroke="#ddd"/><text x="${margin.left - 6}" y="${y(mb) + 4}" text-anchor="end">${mb.toFixed(1)} MB</text>`,
  )
  .join('\n')}
<text x="${margin.left}" y="${height - 12}">turn ${minTurn}</text>
<text x="${width - margin.right}" y="${height - 12}" text-anchor="end">turn ${maxTurn}</text>
<polyline fill="none" stroke="#1f6feb" stroke-width="1.5" points="${points}"/>
</svg>
`;
}
