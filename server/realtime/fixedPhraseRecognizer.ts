/** A recognizer that hears one fixed phrase in any non-silent turn: the slice before real recognition. */

import type { SpeechRecognizer, TurnAudio } from './realtimeSession.ts';

export class FixedPhraseRecognizer implements SpeechRecognizer {
  constructor(private readonly phrase: string) {}

  async transcribe(audio: TurnAudio): Promise<string | null> {
    return audio.frames.length > 0 ? this.phrase : null;
  }
}
