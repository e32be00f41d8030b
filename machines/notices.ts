/** What the kiosk tells a customer for each way a connection or a turn can end badly. */

import type { DisconnectReason, Notice, TurnNoticeCode } from './voiceMachine.types.ts';

/** What happened. The way on (a reconnect under way, or a tap) is said by `describeWayOn`. */
const DISCONNECT_MESSAGES: Record<DisconnectReason, string> = {
  not_started: 'Not connected yet.',
  user: 'Disconnected.',
  token_timeout: 'The ordering service did not answer in time.',
  token_failed: 'The ordering service is unreachable.',
  token_refused: 'The ordering service refused to start a session.',
  connect_timeout: 'Connecting took too long.',
  connect_failed: 'Could not connect to the voice assistant.',
  microphone_denied:
    'The microphone is blocked. Allow microphone access for this page in the browser settings, then tap the button.',
  microphone_missing: 'No microphone was found. Check that one is plugged in, then tap the button.',
  connection_lost: 'The connection dropped.',
  session_expired: 'The session ended.',
  network_offline: 'The network is down.',
  forced_reset: 'The voice assistant was reset.',
};

/** Reasons a reconnect of the kiosk's own can cure; the others wait for a person. */
const RETRYABLE: ReadonlySet<DisconnectReason> = new Set([
  'token_timeout',
  'token_failed',
  'token_refused',
  'connect_timeout',
  'connect_failed',
  'connection_lost',
  'session_expired',
  'network_offline',
]);

export function isRetryable(code: DisconnectReason): boolean {
  return RETRYABLE.has(code);
}

const TURN_MESSAGES: Record<TurnNoticeCode, string> = {
  too_short: 'Hold the button while you speak, then let go.',
  no_transcript: "I didn't catch that — hold the button and try again.",
  transcript_failed: "I couldn't make out the words — please try again.",
  no_response: 'The assistant did not answer in time — hold the button and try again.',
  response_failed: 'The assistant had a problem answering — please try again.',
  response_cancelled: 'The answer was cut off — hold the button and try again.',
  turn_lost: 'Sorry, I lost what you said — please say it again.',
  session_update_timeout: 'The assistant is running with its default settings.',
};

export function describeDisconnect(code: DisconnectReason, detail?: string): Notice<DisconnectReason> {
  const message = DISCONNECT_MESSAGES[code];
  return { code, message: detail && code === 'connect_failed' ? `${message} (${detail})` : message };
}

/**
 * The way on after a disconnect: the countdown to the kiosk's own retry, waiting for the
 * network, or the tap a person has to make. Empty where the reason says it already.
 */
export function describeWayOn(code: DisconnectReason, secondsToRetry: number | null): string {
  if (code === 'network_offline') return 'Waiting for the network to come back…';
  if (secondsToRetry !== null) return secondsToRetry > 0 ? `Reconnecting in ${secondsToRetry} s…` : 'Reconnecting…';
  if (code === 'microphone_denied' || code === 'microphone_missing') return '';
  return 'Tap the button to try again.';
}

export function describeTurnNotice(code: TurnNoticeCode, detail?: string): Notice<TurnNoticeCode> {
  // A turn that changed the order says what changed, even when its answer went missing.
  if (code === 'no_response' && detail) return { code, message: `${detail} The assistant did not finish answering.` };
  return { code, message: TURN_MESSAGES[code] };
}
