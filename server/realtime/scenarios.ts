/**
 * Named fault scenarios: each reproduces one way the real service or network has
 * failed a kiosk, chosen per session with `?scenario=NAME` on the session request.
 */

export const SCENARIOS = {
  burst_on_open: 'Sends 50 rate_limits.updated events in the same tick as session.created. The client must count all 50.',
  no_transcript: 'Acknowledges the commit but never sends a transcript or a response. The client must time out and say it did not catch that.',
} as const satisfies Record<string, string>;

export type ScenarioName = keyof typeof SCENARIOS;

export function parseScenario(value: string | null | undefined): ScenarioName | null {
  if (!value) return null;
  return value in SCENARIOS ? (value as ScenarioName) : null;
}
