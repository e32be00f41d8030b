/**
 * The latency waterfall of one turn, laid out once for every place that draws it (the
 * bench's SVG report and the debug panel): one row per step, each a bar from where the
 * step started to where it ended on a shared time axis, coloured by who spent the time.
 */

export type WaterfallOwner = 'client' | 'link' | 'server' | 'wait' | 'design';

export interface WaterfallStep {
  label: string;
  /** Milliseconds from the turn's origin (the release). */
  start: number;
  end: number;
  owner: WaterfallOwner;
}

export interface WaterfallRow extends WaterfallStep {
  x: number;
  y: number;
  width: number;
  duration: string;
}

export interface WaterfallLayout {
  width: number;
  height: number;
  labelWidth: number;
  rowHeight: number;
  rows: WaterfallRow[];
  ticks: { x: number; label: string }[];
  total: number;
}

export const OWNER_COLOURS: Record<WaterfallOwner, string> = {
  client: '#1f6feb',
  link: '#8b949e',
  server: '#d4760a',
  wait: '#8250df',
  design: '#57606a',
};

export const OWNER_NAMES: Record<WaterfallOwner, string> = {
  client: 'client',
  link: 'link (loopback + delivery)',
  server: 'server',
  wait: 'server and link',
  design: 'post-roll (by design)',
};

function formatDuration(ms: number): string {
  return ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

/** A tick step that gives four to eight ticks over the span. */
function tickStep(total: number): number {
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000];
  return steps.find((step) => total / step <= 8) ?? 10_000;
}

export function layoutWaterfall(steps: WaterfallStep[], width = 720, labelWidth = 230, rowHeight = 22): WaterfallLayout {
  const total = Math.max(1, ...steps.map((step) => step.end));
  const plotWidth = width - labelWidth - 70;
  const scale = plotWidth / total;
  const top = 8;
  const rows = steps.map((step, index) => ({
    ...step,
    x: labelWidth + step.start * scale,
    y: top + index * rowHeight,
    // A step too short to see still gets a visible sliver.
    width: Math.max(1.5, (step.end - step.start) * scale),
    duration: formatDuration(step.end - step.start),
  }));
  const step = tickStep(total);
  const ticks: WaterfallLayout['ticks'] = [];
  for (let at = 0; at <= total; at += step) ticks.push({ x: labelWidth + at * scale, label: `${at}` });
  return { width, height: top + steps.length * rowHeight + 40, labelWidth, rowHeight, rows, ticks, total };
}
