/** Speech for the agent's replies: espeak-ng, resampled by sox to 48 kHz mono PCM for Opus. */

import { execFile } from 'node:child_process';

export const SPEECH_SAMPLE_RATE = 48_000;
const SYNTHESIS_TIMEOUT_MS = 10_000;

function run(command: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: SYNTHESIS_TIMEOUT_MS },
      (error, stdout) => (error ? reject(new Error(`${command} failed: ${error.message}`)) : resolve(stdout)),
    );
    if (input) child.stdin?.end(input);
  });
}

export interface SpeechSynthesizer {
  /** Mono 16-bit PCM at 48 kHz. */
  synthesize(text: string): Promise<Int16Array>;
}

export class EspeakSynthesizer implements SpeechSynthesizer {
  constructor(private readonly voice = 'en-us', private readonly wordsPerMinute = 165) {}

  async synthesize(text: string): Promise<Int16Array> {
    const wav = await run('espeak-ng', ['-v', this.voice, '-s', String(this.wordsPerMinute), '--stdout', text]);
    const raw = await run(
      'sox',
      ['-t', 'wav', '-', '-t', 'raw', '-r', String(SPEECH_SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-'],
      wav,
    );
    return new Int16Array(raw.buffer, raw.byteOffset, Math.floor(raw.byteLength / 2)).slice();
  }
}
