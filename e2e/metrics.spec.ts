import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config.ts';
import { startKioskServer, type RunningServer } from '../scripts/kioskServer.ts';
import { renderPanels } from '../scripts/dashboardPanels.ts';
import { audioClip, chromiumWithMicrophone, sayClip, voiceStatus, waitUntilReady } from './kiosk.ts';
import { startPrometheus, type PrometheusProcess, type PrometheusSample } from './prometheusProcess.ts';

/**
 * The fleet's view of one kiosk, end to end: a real Prometheus scrapes a real kiosk
 * server (with its metrics token) while a kiosk in Chromium takes two spoken turns and
 * loses its link while recording a third; Prometheus's HTTP API then shows the turn outcomes, the
 * latency histograms and the close reason the kiosk reported.
 */

const KIOSK_PORT = E2E_PORT + 43;
const PROMETHEUS_PORT = E2E_PORT + 44;
const METRICS_TOKEN = 'e2e-metrics-token-0123456789';
const ARTIFACTS = 'e2e/.artifacts/metrics';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-remove')) });

let server: RunningServer;
let prometheus: PrometheusProcess;

test.beforeAll(async () => {
  server = await startKioskServer(KIOSK_PORT, { METRICS_TOKEN });
  prometheus = await startPrometheus({ port: PROMETHEUS_PORT, target: `127.0.0.1:${KIOSK_PORT}`, metricsToken: METRICS_TOKEN });
});

test.afterAll(async () => {
  await prometheus?.stop();
  await server?.stop();
});

function byLabel(samples: PrometheusSample[], label: string): Record<string, number> {
  return Object.fromEntries(samples.map((sample) => [sample.metric[label] ?? '', sample.value]));
}

test("Prometheus sees one kiosk's two completed turns, the turn lost to a drop, their latencies and the close reason", async ({ page }) => {
  test.setTimeout(90_000);
  const kiosk = `e2e-${Date.now().toString(36)}`;
  await page.goto(`${server.url}/?kiosk=${kiosk}&telemetry.flushMs=200&timeout.reconnect=300&debug=1`);
  await waitUntilReady(page);
  // The technician sees which kiosk this is, and what its telemetry has sent.
  await expect(page.getByTestId('debug-kiosk')).toContainText(`kiosk ${kiosk}`);
  await expect(page.getByTestId('debug-kiosk')).toContainText(/telemetry [1-9]\d* sent/);
  await page.getByTestId('debug-kiosk').screenshot({ path: `${ARTIFACTS}/debug-panel-kiosk-id.png` });

  await sayClip(page, 'order-then-remove', { phrase: 0 });
  await expect(page.getByTestId('cart-total')).toHaveText('$14.57');
  await waitUntilReady(page);
  await sayClip(page, 'order-then-remove', { phrase: 1 });
  await expect(page.getByTestId('cart-total')).toHaveText('$11.98');
  await waitUntilReady(page);

  // The forced drop: mid-recording, the data channel closes under the page, as when the
  // link dies (the page's own channel, closed as a network failure would close it).
  await page.getByTestId('voice-order-button').hover();
  await page.mouse.down();
  await expect(page.getByTestId('voice-status')).toHaveAttribute('data-turn', 'recording');
  await page.evaluate(() => {
    const client = window.__voiceClient as unknown as { connection: { channel: RTCDataChannel } };
    client.connection.channel.close();
  });
  // Offline lasts only until the first retry (300 ms here): wait for what stays, the lost turn told.
  await expect(page.getByTestId('voice-status')).toHaveAttribute('data-notice', 'turn_lost');
  await page.mouse.up();
  await waitUntilReady(page);
  await page.evaluate(() => window.__voiceClient!.flushTelemetry());
  expect((await voiceStatus(page)).counters.reconnects).toBe(1);

  const mine = `kiosk="${kiosk}"`;
  await expect
    .poll(async () => byLabel(await prometheus.query(`sum by (outcome) (kiosk_turns_total{${mine}}) > 0`), 'outcome'))
    .toEqual({ completed: 2, connection_lost: 1 });
  await prometheus.waitForScrapes();

  const latencyCounts = byLabel(await prometheus.query(`sum by (stage) (kiosk_turn_latency_seconds_count{${mine}})`), 'stage');
  // The lost turn was never let go of, so only the two spoken turns have latencies.
  expect(latencyCounts).toEqual({ release_to_committed: 2, committed_to_transcript: 2, transcript_to_first_audio: 2 });
  const slowest = await prometheus.query(`histogram_quantile(1, sum by (le) (kiosk_turn_latency_seconds_bucket{${mine},stage="release_to_committed"}))`);
  expect(slowest[0]?.value).toBeGreaterThan(0);

  const closes = byLabel(await prometheus.query(`sum by (reason) (kiosk_connection_events_total{${mine},event="closed"}) > 0`), 'reason');
  expect(closes).toEqual({ connection_lost: 1 });
  const connected = await prometheus.query(`sum(kiosk_connection_events_total{${mine},event="connected"})`);
  expect(connected[0]?.value).toBe(2);
  const reconnects = await prometheus.query(`sum(kiosk_reconnects_total{${mine}})`);
  expect(reconnects[0]?.value).toBe(1);
  // The series started at zero before the first turn, so increase() counts every turn Prometheus saw.
  const answered = await prometheus.query(`sum(increase(kiosk_turns_total{${mine},outcome="completed"}[5m]))`);
  expect(answered[0]?.value).toBeGreaterThanOrEqual(1.5);

  // The server's own side of the same story.
  const calls = byLabel(await prometheus.query('sum by (reason) (kiosk_call_closes_total)'), 'reason');
  expect(calls.data_channel_closed).toBeGreaterThanOrEqual(1);
  const minted = await prometheus.query('sum(kiosk_tokens_minted_total{mode="local"})');
  expect(minted[0]?.value).toBeGreaterThanOrEqual(2);
  const traffic = byLabel(await prometheus.query('sum by (direction) (kiosk_datachannel_messages_total)'), 'direction');
  expect(traffic.in).toBeGreaterThan(0);
  expect(traffic.out).toBeGreaterThan(traffic.in!);
  const recognitions = await prometheus.query('sum(kiosk_speech_duration_seconds_count{kind="recognizer",phase="run",result="ok"})');
  expect(recognitions[0]?.value).toBeGreaterThanOrEqual(2);

  // Every alert rule evaluates against the real series without an error.
  const rules = await prometheus.api<{ groups: { rules: { name: string; health: string; lastError?: string }[] }[] }>('rules');
  const unhealthy = rules.groups.flatMap((group) => group.rules).filter((rule) => rule.health !== 'ok');
  expect(unhealthy).toEqual([]);
  expect(rules.groups.flatMap((group) => group.rules)).toHaveLength(8);

  // For the record (and the closing note): the fleet's table for this run, and the dashboard's panels.
  mkdirSync(ARTIFACTS, { recursive: true });
  const outcomes = await prometheus.query('sum by (kiosk, outcome) (kiosk_turns_total) > 0');
  writeFileSync(`${ARTIFACTS}/turn-outcomes-by-kiosk.json`, JSON.stringify(outcomes, null, 2));
  const panels = await renderPanels(prometheus.url, { kiosk });
  writeFileSync(`${ARTIFACTS}/dashboard-panels.html`, panels.html);
  writeFileSync(`${ARTIFACTS}/dashboard-panels.md`, panels.markdown);
  // On a blank page: the kiosk's own CSP rightly refuses the report's inline styles.
  await page.goto('about:blank');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.setContent(panels.html);
  await page.screenshot({ path: `${ARTIFACTS}/dashboard-panels.png`, fullPage: true });
  expect(panels.emptyPanels).toEqual([]);
});
