/**
 * The technician's view (?debug=1, or Ctrl+Shift+D): the statechart with the active
 * states highlighted, the last 200 events, per-turn latency and the median turn's
 * waterfall, counters, and, when the server runs in test mode, the local server's
 * fault-scenario switch.
 */

import { useEffect, useState } from 'react';
import { voiceMachine } from '../../machines/voiceMachine.ts';
import { activeStateIds } from '../../machines/voiceMachine.selectors.ts';
import { getKioskId } from '../kiosk/kioskId.ts';
import type { TelemetryStats } from '../telemetry/telemetryQueue.ts';
import type { LoggedEvent } from '../voice/eventLog.ts';
import { countedInterval } from '../voice/liveResources.ts';
import { clientWaterfall, medianCompleteTurn, type TurnMetricsReport } from '../voice/turnMetrics.ts';
import type { VoiceClient, VoiceStatus } from '../voice/voiceClient.ts';
import { LatencyWaterfall } from './LatencyWaterfall.tsx';
import { useVoiceClient, useVoiceSelector } from './voiceClientContext.tsx';

interface StateRow {
  id: string;
  label: string;
  depth: number;
}

/** The statechart's structure, for drawing: only ids, keys and children are read. */
interface StateShape {
  id: string;
  key: string;
  states: Record<string, StateShape>;
}

function stateRows(node: StateShape, depth = 0): StateRow[] {
  const rows: StateRow[] = depth === 0 ? [] : [{ id: node.id, label: node.key, depth }];
  for (const child of Object.values(node.states)) rows.push(...stateRows(child, depth + 1));
  return rows;
}

const STATE_ROWS = stateRows(voiceMachine.root as unknown as StateShape);
const REFRESH_MS = 500;

function ms(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} ms`;
}

function Statechart() {
  const active = useVoiceSelector((snapshot) => activeStateIds(snapshot).join(' '));
  const activeIds = new Set(active.split(' '));
  return (
    <ol className="debug__states" aria-label="Machine states" data-testid="debug-states">
      {STATE_ROWS.map((row) => (
        <li
          key={row.id}
          style={{ paddingLeft: `${(row.depth - 1) * 1}rem` }}
          className={activeIds.has(row.id) ? 'debug__state debug__state--active' : 'debug__state'}
          aria-current={activeIds.has(row.id) ? 'true' : undefined}
        >
          {row.label}
        </li>
      ))}
    </ol>
  );
}

function ScenarioSwitch() {
  const client = useVoiceClient();
  const scenario = useVoiceSelector((snapshot) => snapshot.context.scenario);
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/scenarios', { signal: controller.signal })
      .then((response) => response.json() as Promise<{ scenarios: Record<string, unknown> }>)
      .then((body) => setNames(Object.keys(body.scenarios)))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return (
    <label className="debug__scenario">
      Fault scenario (local server){' '}
      <select
        value={scenario ?? ''}
        data-testid="debug-scenario"
        onChange={(event) => {
          // A scenario belongs to a session: reconnect to get one with it.
          client.setScenario(event.target.value || null);
          client.forceReset();
          client.connect();
        }}
      >
        <option value="">none</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

function medianTurnSteps(metrics: TurnMetricsReport) {
  const turn = medianCompleteTurn(metrics.turns);
  return turn ? clientWaterfall(turn) : [];
}

interface DebugData {
  status: VoiceStatus;
  events: LoggedEvent[];
  metrics: TurnMetricsReport;
  telemetry: TelemetryStats | null;
}

function readDebugData(client: VoiceClient): DebugData {
  return { status: client.getStatus(), events: client.getEvents(), metrics: client.getMetrics(), telemetry: client.getTelemetry() };
}

export function DebugPanel({ faultScenarios }: { faultScenarios: boolean }) {
  const client = useVoiceClient();
  const [data, setData] = useState<DebugData>(() => readDebugData(client));
  useEffect(() => {
    const stop = countedInterval(() => setData(readDebugData(client)), REFRESH_MS);
    return () => stop();
  }, [client]);
  const { status, events, metrics, telemetry } = data;
  const counters = status.counters;
  const origin = events[0]?.at ?? 0;
  return (
    <aside className="debug" aria-label="Debug panel" data-testid="debug-panel">
      <h2>Debug</h2>
      <div className="debug__grid">
        <section>
          <h3>State</h3>
          <Statechart />
          <p>
            session <code>{status.sessionId ?? '—'}</code> · generation {status.generation}
          </p>
          <p data-testid="debug-kiosk">
            kiosk <code>{telemetry?.kioskId ?? getKioskId()}</code> ·{' '}
            {telemetry
              ? `telemetry ${telemetry.sent} sent, ${telemetry.queued} queued, ${telemetry.dropped} dropped`
              : 'telemetry off'}
          </p>
          {faultScenarios && <ScenarioSwitch />}
          <button type="button" className="debug__button" onClick={() => client.forceReset()}>
            Force reset
          </button>
        </section>
        <section>
          <h3>Counters</h3>
          <dl className="debug__counters" data-testid="debug-counters">
            {(['received', 'accepted', 'duplicate', 'malformed', 'unknown', 'invalid', 'oversized', 'stale', 'orphanDeltas', 'reconnects'] as const).map(
              (key) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{counters[key]}</dd>
                </div>
              ),
            )}
          </dl>
          <h3>Turn latency (median of {metrics.turns.length})</h3>
          <dl className="debug__counters" data-testid="debug-latency">
            <div>
              <dt>press → recording</dt>
              <dd>{ms(metrics.median.pressToRecording)}</dd>
            </div>
            <div>
              <dt>release → committed</dt>
              <dd>{ms(metrics.median.releaseToCommitted)}</dd>
            </div>
            <div>
              <dt>committed → transcript</dt>
              <dd>{ms(metrics.median.committedToTranscript)}</dd>
            </div>
            <div>
              <dt>transcript → first audio</dt>
              <dd>{ms(metrics.median.transcriptToFirstAudio)}</dd>
            </div>
          </dl>
          <h3>Median turn, from the release</h3>
          <LatencyWaterfall steps={medianTurnSteps(metrics)} />
        </section>
        <section className="debug__events-section">
          <h3>Last {events.length} events</h3>
          <ol className="debug__events" data-testid="debug-events">
            {[...events].reverse().map((event, index) => (
              <li key={`${event.at}-${index}`} className={`debug__event debug__event--${event.direction}`}>
                <span className="debug__time">+{((event.at - origin) / 1000).toFixed(2)}s</span>
                <span className="debug__direction">{event.direction === 'in' ? '←' : event.direction === 'out' ? '→' : '·'}</span>
                <span>{event.type}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </aside>
  );
}
