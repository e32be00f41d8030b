/**
 * The Grafana dashboard's panels without Grafana: each panel's PromQL (dashboard variables
 * filled in) run as an instant query against a Prometheus, written as an HTML page of
 * tables with bars and as Markdown. The e2e metrics test renders them against its run;
 * `npm run metrics:panels -- --prometheus http://127.0.0.1:9090 [--kiosk ID]` against any.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DASHBOARD_PATH = resolve('ops/grafana/voice-kiosk-dashboard.json');

interface DashboardTarget {
  expr: string;
  legendFormat?: string;
}

interface DashboardPanel {
  title: string;
  fieldConfig?: { defaults?: { unit?: string } };
  targets?: DashboardTarget[];
}

export interface PanelVariables {
  kiosk?: string;
  job?: string;
  /** What `$__range` and `$__rate_interval` become (Grafana works them out from the time picker). */
  range?: string;
  rateInterval?: string;
}

export interface RenderedPanel {
  title: string;
  rows: { series: string; value: number; query: string }[];
}

export function panelQueries(variables: PanelVariables = {}): { title: string; unit: string; targets: DashboardTarget[] }[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as { panels: DashboardPanel[] };
  const fill = (expr: string) =>
    expr
      .replaceAll('$kiosk', variables.kiosk ?? '.*')
      .replaceAll('$job', variables.job ?? '.*')
      .replaceAll('$__rate_interval', variables.rateInterval ?? '30s')
      .replaceAll('$__range', variables.range ?? '10m');
  return dashboard.panels.map((panel) => ({
    title: panel.title,
    unit: panel.fieldConfig?.defaults?.unit ?? 'short',
    targets: (panel.targets ?? []).map((target) => ({ ...target, expr: fill(target.expr) })),
  }));
}

function legend(format: string | undefined, labels: Record<string, string>): string {
  if (!format) return JSON.stringify(labels);
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => labels[name] ?? '');
}

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'percentunit') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'bytes') return `${(value / 1024 / 1024).toFixed(1)} MiB`;
  if (unit === 's') return `${(value * 1000).toFixed(0)} ms`;
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

export async function renderPanels(prometheusUrl: string, variables: PanelVariables = {}) {
  const panels: (RenderedPanel & { unit: string })[] = [];
  for (const panel of panelQueries(variables)) {
    const rows: RenderedPanel['rows'] = [];
    for (const target of panel.targets) {
      const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(target.expr)}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`panel "${panel.title}": ${body.error ?? response.status} for ${target.expr}`);
      for (const sample of body.data?.result ?? []) {
        rows.push({ series: legend(target.legendFormat, sample.metric), value: Number(sample.value[1]), query: target.expr });
      }
    }
    panels.push({ title: panel.title, unit: panel.unit, rows });
  }
  const markdown = panels
    .map((panel) => {
      const lines = panel.rows.map((row) => `| ${row.series} | ${formatValue(row.value, panel.unit)} |`);
      return [`### ${panel.title}`, '', '| series | value |', '| --- | --- |', ...(lines.length ? lines : ['| (no data) | |']), ''].join('\n');
    })
    .join('\n');
  const html = `<!doctype html><meta charset="utf-8"><title>Voice kiosks: dashboard panels</title>
<style>
body{font:14px system-ui,sans-serif;margin:16px;background:#111217;color:#d8d9da}
h1{font-size:18px} .grid{display:grid;grid-template-columns:repeat(2,1fr);gap:12px}
section{background:#181b1f;border:1px solid #2c3235;border-radius:4px;padding:8px 12px}
h2{font-size:14px;margin:0 0 6px} table{width:100%;border-collapse:collapse}
td{padding:2px 4px;border-top:1px solid #22252b;white-space:nowrap} td.v{text-align:right;width:6em}
.bar{height:10px;background:#5794f2;border-radius:2px} .empty{color:#888}
</style>
<h1>Voice kiosks — each panel's PromQL, run against Prometheus at ${escape(new Date().toISOString())}</h1>
<div class="grid">${panels
    .map((panel) => {
      const max = Math.max(...panel.rows.map((row) => (Number.isFinite(row.value) ? Math.abs(row.value) : 0)), 0);
      const rows = panel.rows
        .map((row) => {
          const width = max > 0 && Number.isFinite(row.value) ? (Math.abs(row.value) / max) * 100 : 0;
          return `<tr><td>${escape(row.series)}</td><td class="v">${escape(formatValue(row.value, panel.unit))}</td><td style="width:40%"><div class="bar" style="width:${width.toFixed(1)}%"></div></td></tr>`;
        })
        .join('');
      return `<section><h2>${escape(panel.title)}</h2>${rows ? `<table>${rows}</table>` : '<p class="empty">no data</p>'}</section>`;
    })
    .join('')}</div>`;
  return { panels, markdown, html, emptyPanels: panels.filter((panel) => panel.rows.length === 0).map((panel) => panel.title) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argument = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
  };
  const url = argument('prometheus') ?? 'http://127.0.0.1:9090';
  const rendered = await renderPanels(url, { kiosk: argument('kiosk'), range: argument('range') });
  const out = argument('out') ?? 'dashboard-panels';
  writeFileSync(`${out}.html`, rendered.html);
  writeFileSync(`${out}.md`, rendered.markdown);
  process.stdout.write(rendered.markdown);
}
