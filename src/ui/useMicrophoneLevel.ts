/**
 * The microphone's level while recording, from a Web Audio AnalyserNode on the track
 * the connection already holds (no second getUserMedia). Everything it creates (audio
 * context, animation frame) is released when recording stops or the component unmounts.
 */

import { useEffect, useState } from 'react';
import { holdResource } from '../voice/liveResources.ts';

export interface MicrophoneLevel {
  /** 0…1, smoothed. */
  level: number;
  /** True when the level has stayed flat for a while: muted or dead microphone. */
  flat: boolean;
}

const FLAT_LEVEL = 0.01;
const FLAT_AFTER_MS = 1_500;

export function useMicrophoneLevel(track: MediaStreamTrack | null, active: boolean): MicrophoneLevel {
  const [state, setState] = useState<MicrophoneLevel>({ level: 0, flat: false });

  useEffect(() => {
    if (!active || !track || typeof AudioContext === 'undefined') {
      setState({ level: 0, flat: false });
      return;
    }
    const context = new AudioContext();
    // The animation-frame loop counts as a live timer until the cleanup below ends it.
    const releaseLoop = holdResource('timers');
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    const source = context.createMediaStreamSource(new MediaStream([track]));
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const startedAt = performance.now();
    let loudAt = startedAt;
    let smoothed = 0;
    let frame = 0;
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      smoothed = Math.max(rms, smoothed * 0.85);
      const now = performance.now();
      if (rms > FLAT_LEVEL) loudAt = now;
      setState({ level: Math.min(1, smoothed * 4), flat: now - loudAt > FLAT_AFTER_MS });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      releaseLoop();
      source.disconnect();
      void context.close();
    };
  }, [track, active]);

  return state;
}
