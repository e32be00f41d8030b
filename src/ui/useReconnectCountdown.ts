/** Seconds until the kiosk's own reconnect, counted down on screen; null when none is scheduled. */

import { useEffect, useState } from 'react';
import { countedInterval } from '../voice/liveResources.ts';
import { useVoiceSelector } from './voiceClientContext.tsx';

const TICK_MS = 250;

export function useReconnectCountdown(): number | null {
  const scheduleId = useVoiceSelector((snapshot) => snapshot.context.reconnectSchedule?.id ?? null);
  const delayMs = useVoiceSelector((snapshot) => snapshot.context.reconnectSchedule?.delayMs ?? null);
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    if (scheduleId === null || delayMs === null) {
      setSeconds(null);
      return;
    }
    // The schedule starts when the machine made it, which is when this effect sees it.
    const deadline = Date.now() + delayMs;
    const update = () => setSeconds(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
    update();
    const stop = countedInterval(update, TICK_MS);
    return () => stop();
  }, [scheduleId, delayMs]);
  return seconds;
}
