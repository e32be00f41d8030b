/** Shows the customer they are heard while they hold the button, and says so when nothing comes through. */

import { turnStateOf } from '../../machines/voiceMachine.selectors.ts';
import { useMicrophoneLevel } from './useMicrophoneLevel.ts';
import { useVoiceClient, useVoiceSelector } from './voiceClientContext.tsx';

export function MicrophoneMeter() {
  const client = useVoiceClient();
  const recording = useVoiceSelector((snapshot) => turnStateOf(snapshot) === 'recording');
  const generation = useVoiceSelector((snapshot) => snapshot.context.generation);
  // The track belongs to the connection of this generation; read it again when that changes.
  const track = recording && generation > 0 ? client.microphoneTrack : null;
  const { level, flat } = useMicrophoneLevel(track, recording);
  if (!recording) return <div className="meter meter--hidden" aria-hidden="true" />;
  const percent = Math.round(level * 100);
  return (
    <div className="meter-area">
      <div
        className="meter"
        role="meter"
        aria-label="Microphone level"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="mic-meter"
      >
        <div className="meter__fill" style={{ transform: `scaleX(${level})` }} />
      </div>
      {flat && (
        <p className="meter__hint" data-testid="mic-flat-hint">
          We can&apos;t hear you. Is the microphone muted?
        </p>
      )}
    </div>
  );
}
