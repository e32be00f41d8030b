/** What a realtime session needs from speech engines, independent of which engines they are. */

export interface TurnAudio {
  frames: Buffer[];
  bytes: number;
}

export interface SpeechRecognizer {
  /** The words heard in one committed turn, or null for silence. An abort kills the work and rejects. */
  transcribe(audio: TurnAudio, signal?: AbortSignal): Promise<string | null>;
}

/**
 * The agent's voice. `speak` resolves true when it finished, false when stopped;
 * `onStart` gets the utterance's length in milliseconds as playback begins.
 */
export interface Speaker {
  speak(text: string, onStart: (durationMs: number) => void): Promise<boolean>;
  stop(): void;
}
