/**
 * A real Prometheus (Debian's /usr/bin/prometheus) for a test: loopback only, a temp data
 * dir, a one-second scrape of one kiosk server with its metrics token, and the repo's
 * alert rules loaded. stop() ends the process and removes the temp dir.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface PrometheusSample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusProcess {
  url: string;
  /** An instant query through the HTTP API; throws on an error answer. */
  query: (promql: string) => Promise<PrometheusSample[]>;
  /** `GET /api/v1/<path>`'s data. */
  api: <T>(path: string) => Promise<T>;
  /** Waits for scrapes that began after now to have landed, so what the target shows now is queryable. */
  waitForScrapes: (count?: number) => Promise<void>;
  stop: () => Promise<void>;
}

export interface PrometheusOptions {
  port: number;
  /** host:port of the kiosk server. */
  target: string;
  metricsToken: string;
}

export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'voice-kiosk-prometheus-'));
  const tokenFile = join(dir, 'metrics.token');
  writeFileSync(tokenFile, options.metricsToken, { mode: 0o600 });
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      `  - ${resolve('ops/prometheus/alerts.yml')}`,
      'scrape_configs:',
      '  - job_name: voice-kiosk',
      '    authorization:',
      '      type: Bearer',
      `      credentials_file: ${tokenFile}`,
      '    static_configs:',
      `      - targets: ['${options.target}']`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      '--storage.tsdb.retention.time=1h',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt += 1) {
      const ready = await fetch(`${url}/-/ready`).then((response) => response.ok).catch(() => false);
      if (ready) break;
      if (child.exitCode !== null || attempt > 150) throw new Error(`prometheus did not start:\n${output}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}/api/v1/${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error ?? response.status}`);
    return body.data;
  };
  const query = async (promql: string): Promise<PrometheusSample[]> => {
    const data = await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
      `query?query=${encodeURIComponent(promql)}`,
    );
    return data.result.map((sample) => ({ metric: sample.metric, value: Number(sample.value[1]) }));
  };
  const waitForScrapes = async (count = 2) => {
    const scrapes = async () => (await query('count_over_time(up{job="voice-kiosk"}[1h])'))[0]?.value ?? 0;
    const start = await scrapes();
    while ((await scrapes()) < start + count) await new Promise((done) => setTimeout(done, 250));
  };
  return { url, query, api, waitForScrapes, stop };
}
