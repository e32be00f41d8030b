/** The debug panel's waterfall of the median turn: the same layout the bench's report draws. */

import { layoutWaterfall, OWNER_COLOURS, OWNER_NAMES, type WaterfallOwner, type WaterfallStep } from '../voice/latencyWaterfall.ts';

const WIDTH = 580;
const LABEL_WIDTH = 250;
const ROW_HEIGHT = 18;

export function LatencyWaterfall({ steps }: { steps: WaterfallStep[] }) {
  if (steps.length === 0) return <p data-testid="debug-waterfall-empty">No complete turn yet.</p>;
  const layout = layoutWaterfall(steps, WIDTH, LABEL_WIDTH, ROW_HEIGHT);
  const owners = [...new Set(steps.map((step) => step.owner))] as WaterfallOwner[];
  const legendY = layout.height - 6;
  return (
    <svg
      className="debug__waterfall"
      viewBox={`0 0 ${layout.width} ${layout.height + 14}`}
      role="img"
      aria-label={`Median turn: ${steps.map((step) => `${step.label} ${Math.round(step.end - step.start)} ms`).join(', ')}`}
      data-testid="debug-waterfall"
    >
      {layout.ticks.map((tick) => (
        <g key={tick.label}>
          <line x1={tick.x} y1={4} x2={tick.x} y2={layout.height - 30} stroke="#444" />
          <text x={tick.x} y={layout.height - 18} textAnchor="middle" fill="#9a9a9a">
            {tick.label}
          </text>
        </g>
      ))}
      {layout.rows.map((row) => (
        <g key={row.label} data-owner={row.owner}>
          <text x={LABEL_WIDTH - 6} y={row.y + ROW_HEIGHT / 2 + 4} textAnchor="end" fill="currentColor">
            {row.label}
          </text>
          <rect x={row.x} y={row.y + 3} width={row.width} height={ROW_HEIGHT - 6} fill={OWNER_COLOURS[row.owner]} />
          <text x={row.x + row.width + 4} y={row.y + ROW_HEIGHT / 2 + 4} fill="currentColor">
            {row.duration}
          </text>
        </g>
      ))}
      {owners.map((owner, index) => (
        <g key={owner}>
          <rect x={8 + index * 170} y={legendY} width={10} height={10} fill={OWNER_COLOURS[owner]} />
          <text x={22 + index * 170} y={legendY + 9} fill="currentColor">
            {OWNER_NAMES[owner]}
          </text>
        </g>
      ))}
    </svg>
  );
}
