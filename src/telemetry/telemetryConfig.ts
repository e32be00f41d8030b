/**
 * Telemetry settings from the page address: `?telemetry=0` turns it off,
 * `?telemetry.flushMs=500`, `?telemetry.heartbeatMs=10000`, `?telemetry.retryMs=500`
 * shorten its waits (tests do, so a scrape sees a turn within a second).
 */

import { getKioskId } from '../kiosk/kioskId.ts';
import type { KioskTelemetrySettings } from './kioskTelemetry.ts';

const TUNABLE = ['flushMs', 'heartbeatMs', 'retryMs'] as const;

export function readTelemetrySettings(search: string): KioskTelemetrySettings | null {
  const params = new URLSearchParams(search);
  if (params.get('telemetry') === '0') return null;
  const settings: KioskTelemetrySettings = { kioskId: getKioskId() };
  for (const key of TUNABLE) {
    const value = Number(params.get(`telemetry.${key}`));
    if (params.has(`telemetry.${key}`) && Number.isFinite(value) && value >= 50) settings[key] = value;
  }
  return settings;
}
