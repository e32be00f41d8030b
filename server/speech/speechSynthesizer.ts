/** Speech for the agent's replies: espeak-ng, resampled by sox to 48 kHz mono PCM for Opus. */

import { runProcess } from './childProcesses.ts';
import { WorkLimiter, type WorkObserver } from './workLimiter.ts';

export const SPEECH_SAMPLE_RATE = 48_000;
const SYNTHESIS_TIMEOUT_MS = 10_000;

export interface SpeechSynthesizer {
  /** Mono 16-bit PCM at 48 kHz. An abort kills the synthesis and rejects. */
  synthesize(text: string, signal?: AbortSignal): Promise<Int16Array>;
}

export interface EspeakSynthesizerOptions {
  /** Syntheses running at once across the whole server; each is espeak-ng, then sox. */
  maxProcesses: number;
  /** Syntheses waiting for a slot before more are refused. */
  maxWaiting: number;
  observer?: WorkObserver;
  voice?: string;
  wordsPerMinute?: number;
}

export class EspeakSynthesizer implements SpeechSynthesizer {
  private readonly slots: WorkLimiter;
  private readonly voice: string;
  private readonly wordsPerMinute: number;

  constructor(options: EspeakSynthesizerOptions) {
    this.slots = new WorkLimiter('speech synthesis', options.maxProcesses, options.maxWaiting, options.observer);
    this.voice = options.voice ?? 'en-us';
    this.wordsPerMinute = options.wordsPerMinute ?? 165;
  }

  synthesize(text: string, signal?: AbortSignal): Promise<Int16Array> {
    return this.slots.run(async () => {
      // `--` so a reply can never be read as an option.
      const wav = await runProcess('espeak-ng', ['-v', this.voice, '-s', String(this.wordsPerMinute), '--stdout', '--', text], {
        timeoutMs: SYNTHESIS_TIMEOUT_MS,
        signal,
      });
      const raw = await runProcess(
        'sox',
        ['-t', 'wav', '-', '-t', 'raw', '-r', String(SPEECH_SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-'],
        { input: wav, timeoutMs: SYNTHESIS_TIMEOUT_MS, signal },
      );
      return new Int16Array(raw.buffer, raw.byteOffset, Math.floor(raw.byteLength / 2)).slice();
    }, signal);
  }
}
