/** When the kiosk cannot talk, says why and offers the way on. */

import { connectionStateOf } from '../../machines/voiceMachine.selectors.ts';
import { useVoiceClient, useVoiceSelector } from './voiceClientContext.tsx';

export function ConnectionBanner() {
  const client = useVoiceClient();
  const offline = useVoiceSelector((snapshot) => connectionStateOf(snapshot) === 'offline');
  const reason = useVoiceSelector((snapshot) => snapshot.context.disconnectReason);
  if (!offline || !reason || reason.code === 'not_started') return null;
  return (
    <div className="banner" role="alert" data-testid="connection-banner" data-reason={reason.code}>
      <p>{reason.message}</p>
      <button type="button" className="banner__action" onClick={() => client.connect()}>
        Try again
      </button>
    </div>
  );
}
