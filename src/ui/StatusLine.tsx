/** One line that always says what the kiosk is doing, or why it cannot and what to do. */

import { connectionStateOf, lastErrorOf, turnStateOf } from '../../machines/voiceMachine.selectors.ts';
import { presentTurn } from './turnPresentation.ts';
import { useVoiceSelector } from './voiceClientContext.tsx';

export function StatusLine() {
  const status = useVoiceSelector((snapshot) => presentTurn(snapshot).status);
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
