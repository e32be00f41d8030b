/**
 * Client configuration from the page address, so a technician or a test can pick a
 * fault scenario or shorten a timeout without a rebuild:
 * `?scenario=no_transcript&timeout.transcript=1500&debug=1`. The server decides whether
 * they are honoured: scenarios need its test mode, the debug panel test mode or its
 * technician setting (see serverFeatures.ts).
 */

import { DEFAULT_KIOSK_TIMEOUTS, type KioskTimeouts } from '../../machines/kioskMachine.ts';
import { DEFAULT_TIMEOUTS, type Timeouts } from '../../machines/voiceMachine.types.ts';

export interface ClientConfig {
  scenario: string | null;
  timeouts: Partial<Timeouts>;
  kioskTimeouts: Partial<KioskTimeouts>;
  debug: boolean;
  autoConnect: boolean;
}

export function readClientConfig(search: string): ClientConfig {
  const params = new URLSearchParams(search);
  const timeouts: Partial<Timeouts> = {};
  for (const key of Object.keys(DEFAULT_TIMEOUTS) as (keyof Timeouts)[]) {
    const value = Number(params.get(`timeout.${key}`));
    if (params.has(`timeout.${key}`) && Number.isFinite(value) && value >= 0) timeouts[key] = value;
  }
  const kioskTimeouts: Partial<KioskTimeouts> = {};
  for (const key of Object.keys(DEFAULT_KIOSK_TIMEOUTS) as (keyof KioskTimeouts)[]) {
    const value = Number(params.get(`kiosk.${key}`));
    if (params.has(`kiosk.${key}`) && Number.isFinite(value) && value >= 0) kioskTimeouts[key] = value;
  }
  return {
    scenario: params.get('scenario') || null,
    timeouts,
    kioskTimeouts,
    debug: params.get('debug') === '1',
    autoConnect: params.get('autoconnect') !== '0',
  };
}
