/** What the kiosk tells a customer for each way a connection or a turn can end badly. */

import type { DisconnectReason, Notice, TurnNoticeCode } from './voiceMachine.types.ts';

const DISCONNECT_MESSAGES: Record<DisconnectReason, string> = {
  not_started: 'Not connected yet.',
  user: 'Disconnected.',
  token_timeout: 'The ordering service did not answer in time. Tap the button to try again.',
  token_failed: 'The ordering service is unreachable. Tap the button to try again.',
  token_refused: 'The ordering service refused to start a session. Tap the button to try again.',
  connect_timeout: 'Connecting took too long. Tap the button to try again.',
  connect_failed: 'Could not connect to the voice assistant. Tap the button to try again.',
  microphone_denied:
    'The microphone is blocked. Allow microphone access for this page in the browser settings, then tap the button.',
  microphone_missing: 'No microphone was found. Check that one is plugged in, then tap the button.',
  connection_lost: 'The connection dropped. Reconnecting…',
  session_expired: 'The session ended. Reconnecting…',
  forced_reset: 'The voice assistant was reset. Tap the button to start again.',
};

const TURN_MESSAGES: Record<TurnNoticeCode, string> = {
  too_short: 'Hold the button while you speak, then let go.',
  no_transcript: "I didn't catch that — hold the button and try again.",
  transcript_failed: "I couldn't make out the words — please try again.",
  no_response: 'The assistant did not answer in time — hold the button and try again.',
  response_failed: 'The assistant had a problem answering — please try again.',
  response_cancelled: 'The answer was cut off — hold the button and try again.',
  session_update_timeout: 'The assistant is running with its default settings.',
};

/** What a lost link says when no reconnect will follow on its own (attempts used up, or turned off). */
const NO_RECONNECT_MESSAGES: Partial<Record<DisconnectReason, string>> = {
  connection_lost: 'The connection dropped. Tap the button to reconnect.',
  session_expired: 'The session ended. Tap the button to start again.',
};

/**
 * `reconnecting` says whether the machine will reconnect by itself: "Reconnecting…" is
 * shown only when a reconnect is really pending.
 */
export function describeDisconnect(
  code: DisconnectReason,
  detail?: string,
  reconnecting = true,
): Notice<DisconnectReason> {
  const message = (!reconnecting && NO_RECONNECT_MESSAGES[code]) || DISCONNECT_MESSAGES[code];
  return { code, message: detail && code === 'connect_failed' ? `${message} (${detail})` : message };
}

export function describeTurnNotice(code: TurnNoticeCode, _detail?: string): Notice<TurnNoticeCode> {
  return { code, message: TURN_MESSAGES[code] };
}
