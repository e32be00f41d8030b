/** When the kiosk cannot talk, says why and offers the way on. */

import { describeWayOn } from '../../machines/notices.ts';
import { connectionStateOf } from '../../machines/voiceMachine.selectors.ts';
import { useKiosk } from './kioskContext.tsx';
import { useReconnectCountdown } from './useReconnectCountdown.ts';
import { useVoiceClient, useVoiceSelector } from './voiceClientContext.tsx';

export function ConnectionBanner() {
  const client = useVoiceClient();
  const kiosk = useKiosk();
  const secondsToRetry = useReconnectCountdown();
  const offline = useVoiceSelector((snapshot) => connectionStateOf(snapshot) === 'offline');
  const reason = useVoiceSelector((snapshot) => snapshot.context.disconnectReason);
  if (!offline || !reason || reason.code === 'not_started') return null;
  const tryAgain = () => {
    // A customer tapping Try again is a customer still here: the order must not be reset under them.
    kiosk.send({ type: 'activity' });
    client.connect();
  };
  return (
    <div className="banner" role="alert" data-testid="connection-banner" data-reason={reason.code}>
      <p>
        {reason.message} <span className="banner__way-on">{describeWayOn(reason.code, secondsToRetry)}</span>
      </p>
      <button type="button" className="banner__action" onClick={tryAgain}>
        {secondsToRetry !== null ? 'Try now' : 'Try again'}
      </button>
    </div>
  );
}
