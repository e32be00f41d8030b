/** One line that always says what the kiosk is doing, or why it cannot and what to do. */

import { connectionStateOf, lastErrorOf, turnStateOf } from '../../machines/voiceMachine.selectors.ts';
import { presentTurn } from './turnPresentation.ts';
import { useReconnectCountdown } from './useReconnectCountdown.ts';
import { useVoiceSelector } from './voiceClientContext.tsx';

export function StatusLine() {
  const secondsToRetry = useReconnectCountdown();
  const status = useVoiceSelector((snapshot) => presentTurn(snapshot, secondsToRetry).status);
  const connection = useVoiceSelector(connectionStateOf);
  const turn = useVoiceSelector(turnStateOf);
  const noticeCode = useVoiceSelector((snapshot) => lastErrorOf(snapshot)?.code ?? '');
  return (
    <p
      id="voice-status"
      className="status"
      data-testid="voice-status"
      data-connection={connection}
      data-turn={turn ?? 'none'}
      data-notice={noticeCode}
      role="status"
      aria-live="polite"
    >
      {status}
    </p>
  );
}
