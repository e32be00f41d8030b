import { E2E_CLIPS, silence, synthesize } from '../scripts/make-speech-wavs.ts';
import { AUDIO_DIR } from './kiosk.ts';

export default function globalSetup(): void {
  for (const clip of E2E_CLIPS) synthesize(clip, AUDIO_DIR);
  silence(AUDIO_DIR);
}
