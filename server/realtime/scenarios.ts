/**
 * Named fault scenarios: each reproduces one way the real service or the network has
 * failed a kiosk. Chosen per session with `?scenario=NAME` on the session request (the
 * page passes its own `?scenario=` on); some take a number: `slow_response:2500`.
 */

export interface ScenarioInfo {
  /** What the local server does. */
  does: string;
  /** What the kiosk must show. */
  expect: string;
  /** Meaning and default of the number after the colon, if it takes one. */
  parameter?: { meaning: string; default: number };
}

export const SCENARIOS = {
  burst_on_open: {
    does: 'Sends 50 rate_limits.updated events in the same tick as session.created.',
    expect: 'Nothing unusual: the client counts all 51 events.',
  },
  lost_session_created: {
    does: 'Never sends session.created.',
    expect: 'Ready as usual: readiness comes from session.updated.',
  },
  lost_item_created: {
    does: "Never announces the user's item (no conversation.item.added); its transcript deltas arrive anyway.",
    expect: 'The transcript shows; the orphanDeltas counter rises.',
  },
  no_transcript: {
    does: 'Acknowledges the commit but never transcribes or answers.',
    expect: '"I didn\'t catch that — hold the button and try again" after the transcript timeout; the next press records.',
  },
  transcript_failed: {
    does: 'Sends conversation.item.input_audio_transcription.failed instead of a transcript, then answers.',
    expect: '"I couldn\'t make out the words — please try again", then the spoken answer.',
  },
  no_response: {
    does: 'Transcribes, then ignores response.create.',
    expect: '"The assistant did not answer in time" after the response timeout; the next press records.',
  },
  slow_response: {
    does: 'Transcribes, then holds the response back (default 12 s, just under the 15 s response timeout).',
    expect: 'A thinking state for that long, then the answer as usual.',
    parameter: { meaning: 'delay in ms', default: 12_000 },
  },
  duplicate_events: {
    does: 'Sends every event twice with the same event_id.',
    expect: 'Nothing doubled: transcript, reply and cart as usual; the duplicate counter rises.',
  },
  out_of_order: {
    does: 'Sends transcript deltas before the item they belong to is announced, for user and assistant items.',
    expect: 'Transcript and reply as usual.',
  },
  malformed_events: {
    does: 'Sends a garbage JSON message or an unknown event type before every real event.',
    expect: 'The turn works as usual; the malformed and unknown counters rise.',
  },
  drop_channel_mid_turn: {
    does: 'Closes the data channel once a commit is acknowledged.',
    expect: '"The connection dropped. Reconnecting…", then ready again with the cart intact.',
  },
  drop_peer_mid_response: {
    does: 'Closes the peer connection once a response has started.',
    expect: '"The connection dropped. Reconnecting…", then ready again with the cart intact.',
  },
  token_expired: {
    does: 'Answers the SDP offer with 401, as for an expired ephemeral token.',
    expect: '"The ordering service refused to start a session. Tap the button to try again."',
  },
  session_error: {
    does: 'Answers POST /api/session with 500.',
    expect: '"The ordering service is unreachable. Tap the button to try again."',
  },
  session_expired: {
    does: 'Ends the session with a session_expired error event and closes it (default after 5 s).',
    expect: '"The session ended. Reconnecting…", then ready again.',
    parameter: { meaning: 'seconds until the session expires', default: 5 },
  },
} as const satisfies Record<string, ScenarioInfo>;

export type ScenarioName = keyof typeof SCENARIOS;

export interface Scenario {
  name: ScenarioName;
  /** The number after the colon, or the scenario's default. */
  parameter: number | null;
}

/** "slow_response:2500" → { name, parameter }; unknown names are refused with null. */
export function parseScenario(value: string | null | undefined): Scenario | null {
  if (!value) return null;
  const [name = '', rawParameter] = value.split(':');
  if (!Object.hasOwn(SCENARIOS, name)) return null;
  const info: ScenarioInfo = SCENARIOS[name as ScenarioName];
  const parsed = rawParameter === undefined ? NaN : Number(rawParameter);
  const parameter = info.parameter ? (Number.isFinite(parsed) && parsed >= 0 ? parsed : info.parameter.default) : null;
  return { name: name as ScenarioName, parameter };
}
