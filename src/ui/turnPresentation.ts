/** How each connection and turn state looks to a customer: the button's words and mode, the status line. */

import {
  connectionStateOf,
  lastErrorOf,
  turnStateOf,
  type VoiceSnapshot,
} from '../../machines/voiceMachine.selectors.ts';
import { describeWayOn } from '../../machines/notices.ts';

export type ButtonMode = 'ready' | 'listening' | 'sending' | 'thinking' | 'speaking' | 'connecting' | 'offline';

export interface TurnPresentation {
  mode: ButtonMode;
  /** The button's own words. */
  label: string;
  /** One line under the button: what is happening, or why not and what to do. */
  status: string;
  /** The button still does something in every mode; busy means a press interrupts. */
  busy: boolean;
}

/** `secondsToRetry`: the countdown to the kiosk's own reconnect, when one is scheduled. */
export function presentTurn(snapshot: VoiceSnapshot, secondsToRetry: number | null = null): TurnPresentation {
  const connection = connectionStateOf(snapshot);
  const turn = turnStateOf(snapshot);
  const problem = lastErrorOf(snapshot);
  if (connection === 'offline') {
    const reason = snapshot.context.disconnectReason;
    const scheduled = snapshot.context.reconnectSchedule !== null;
    return {
      mode: 'offline',
      // The button and the status line tell the same story: a retry is coming, or it waits for a tap.
      label: scheduled ? 'Tap to try now' : 'Tap to connect',
      status: reason
        ? `${reason.message} ${describeWayOn(reason.code, scheduled ? secondsToRetry : null)}`.trim()
        : (problem?.message ?? 'Not connected. Tap the button to start.'),
      busy: false,
    };
  }
  if (connection !== 'ready' || turn === null) {
    return { mode: 'connecting', label: 'Connecting…', status: 'Getting the voice assistant ready…', busy: true };
  }
  const speaking = snapshot.context.assistantSpeaking;
  switch (turn) {
    case 'recording':
      return { mode: 'listening', label: 'Listening… release when done', status: 'Listening…', busy: false };
    case 'committing':
      if (snapshot.matches({ online: { connection: { ready: { committing: 'post_roll' } } } })) {
        return { mode: 'listening', label: 'Listening…', status: 'Listening…', busy: false };
      }
      return { mode: 'sending', label: 'Sending…', status: 'Sending what you said…', busy: true };
    case 'waiting_user_final':
    case 'waiting_response':
      if (speaking) return { mode: 'speaking', label: 'Hold to interrupt', status: 'Speaking…', busy: true };
      return { mode: 'thinking', label: 'Thinking…', status: 'Thinking…', busy: true };
    case 'idle':
      if (speaking) return { mode: 'speaking', label: 'Hold to interrupt', status: 'Speaking…', busy: true };
      return {
        mode: 'ready',
        label: 'Hold to talk',
        status: snapshot.context.turnNotice?.message ?? 'Hold the button and say what you would like.',
        busy: false,
      };
  }
}
