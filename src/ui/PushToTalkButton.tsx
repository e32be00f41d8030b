/**
 * The push-to-talk button. Pointer capture keeps a finger that slides off the button
 * from leaving the microphone on; Space works the same way from a keyboard.
 */

import { useCallback, useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useKiosk } from './kioskContext.tsx';
import { useVoiceClient, useVoiceSelector } from './voiceClientContext.tsx';
import { presentTurn } from './turnPresentation.ts';
import { useReconnectCountdown } from './useReconnectCountdown.ts';

export function PushToTalkButton() {
  const client = useVoiceClient();
  const kiosk = useKiosk();
  const secondsToRetry = useReconnectCountdown();
  const presentation = useVoiceSelector(
    (snapshot) => presentTurn(snapshot, secondsToRetry),
    (a, b) => a.mode === b.mode && a.label === b.label && a.status === b.status,
  );
  const held = useRef(false);

  const press = useCallback(() => {
    if (held.current) return;
    held.current = true;
    kiosk.send({ type: 'activity' });
    client.press();
  }, [client, kiosk]);

  const release = useCallback(() => {
    if (!held.current) return;
    held.current = false;
    client.release();
  }, [client]);

  // A button unmounted while held must not leave the microphone on.
  useEffect(() => release, [release]);

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0) return;
    try {
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // The pointer is already gone; pointerup or blur still releases.
    }
    press();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) {
      event.preventDefault();
      press();
    }
  };
  const onKeyUp = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      release();
    }
  };

  return (
    <button
      type="button"
      className={`ptt ptt--${presentation.mode}`}
      data-testid="voice-order-button"
      data-mode={presentation.mode}
      aria-label={presentation.label}
      aria-describedby="voice-status"
      onPointerDown={onPointerDown}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
      onBlur={release}
      onContextMenu={(event) => event.preventDefault()}
    >
      <span className="ptt__label">{presentation.label}</span>
    </button>
  );
}
