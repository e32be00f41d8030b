/** The waterfall layout as a standalone SVG file for the bench report. */

import { turnWaterfall, type TurnResult } from './turn.ts';
import { layoutWaterfall, OWNER_COLOURS, OWNER_NAMES, type WaterfallOwner, type WaterfallStep } from '../src/voice/latencyWaterfall.ts';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function waterfallSvg(title: string, steps: WaterfallStep[]): string {
  const layout = layoutWaterfall(steps);
  const titleHeight = 24;
  const parts: string[] = [];
  const height = layout.height + titleHeight + 24;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="8" y="16" font-size="14" font-weight="bold">${escape(title)}</text>`,
    `<g transform="translate(0 ${titleHeight})">`,
  );
  for (const tick of layout.ticks) {
    parts.push(
      `<line x1="${tick.x.toFixed(1)}" y1="4" x2="${tick.x.toFixed(1)}" y2="${layout.height - 30}" stroke="#d0d7de"/>`,
      `<text x="${tick.x.toFixed(1)}" y="${layout.height - 16}" text-anchor="middle" fill="#57606a">${tick.label}</text>`,
    );
  }
  parts.push(`<text x="${layout.labelWidth - 8}" y="${layout.height - 16}" text-anchor="end" fill="#57606a">ms after release</text>`);
  for (const row of layout.rows) {
    const middle = row.y + layout.rowHeight / 2;
    parts.push(
      `<text x="${layout.labelWidth - 8}" y="${middle + 4}" text-anchor="end">${escape(row.label)}</text>`,
      `<rect x="${row.x.toFixed(1)}" y="${row.y + 4}" width="${row.width.toFixed(1)}" height="${layout.rowHeight - 8}" fill="${OWNER_COLOURS[row.owner]}"/>`,
      `<text x="${(row.x + row.width + 4).toFixed(1)}" y="${middle + 4}" fill="#24292f">${row.duration}</text>`,
    );
  }
  const owners = [...new Set(steps.map((step) => step.owner))] as WaterfallOwner[];
  owners.forEach((owner, index) => {
    const x = 8 + index * 175;
    const y = layout.height + 2;
    parts.push(
      `<rect x="${x}" y="${y}" width="12" height="12" fill="${OWNER_COLOURS[owner]}"/>`,
      `<text x="${x + 18}" y="${y + 10}">${escape(OWNER_NAMES[owner])}</text>`,
    );
  });
  parts.push('</g>', '</svg>');
  return `${parts.join('\n')}\n`;
}

/** The report's picture: the median turn of a run, from the release to its first reply audio. */
export function medianTurnSvg(label: string, turn: TurnResult): string {
  return waterfallSvg(`Median turn (${label}): release → first reply audio`, turnWaterfall(turn.median, turn.postRollMs));
}
