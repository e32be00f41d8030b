/**
 * Speech as the recognizer hears it, made offline: espeak-ng's voice, resampled by sox to
 * 16 kHz mono 16-bit with 0.3 s of silence either side, the margin the live path keeps
 * around speech (trimToSpeech). The acoustic adaptation, the direct speech bench and the
 * tests all make their audio here, so they cannot drift apart.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECOGNIZER_SAMPLE_RATE = 16_000;
const PAD_SECONDS = '0.3';

/** espeak-ng's arguments to speak a text file into a WAV. */
export function espeakArgs(voice: string, wordsPerMinute: number, textFile: string, wav: string): string[] {
  return ['-v', voice, '-s', String(wordsPerMinute), '-w', wav, '-f', textFile];
}

/**
 * sox's arguments to resample a WAV for the recognizer; the output's extension picks the
 * container (`.raw` for bare samples, `.wav` for SphinxTrain). No dither: the same input
 * gives the same samples, so benches and builds repeat exactly.
 */
export function resampleArgs(wav: string, output: string): string[] {
  return ['-V1', '-D', wav, '-r', String(RECOGNIZER_SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', output, 'pad', PAD_SECONDS, PAD_SECONDS];
}

/** Resamples a WAV (espeak-ng's, or a sound effect) to the recognizer's PCM. */
export function pcmOfWav(wav: string, workDir: string): Int16Array {
  const raw = join(workDir, 'recognizer-audio.raw');
  execFileSync('sox', resampleArgs(wav, raw));
  const bytes = readFileSync(raw);
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}

/** `text` spoken by an espeak-ng voice, as the recognizer's PCM. */
export function spokenPcm(text: string, voice: string, wordsPerMinute: number, workDir: string): Int16Array {
  const textFile = join(workDir, 'spoken.txt');
  const wav = join(workDir, 'spoken.wav');
  // Through a file, not argv: a text that starts with "-" stays text.
  writeFileSync(textFile, text);
  execFileSync('espeak-ng', espeakArgs(voice, wordsPerMinute, textFile, wav));
  return pcmOfWav(wav, workDir);
}
