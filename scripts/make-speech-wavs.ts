/**
 * Synthesises the fake-microphone WAVs with espeak-ng and sox: 48 kHz mono, padded
 * with silence so each utterance stands alone when Chromium loops the file.
 * Usage: tsx scripts/make-speech-wavs.ts [outDir]
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface SpeechClip {
  name: string;
  text: string;
  voice?: string;
  wordsPerMinute?: number;
}

export const E2E_CLIPS: SpeechClip[] = [
  { name: 'cheeseburger', text: "I'd like a cheeseburger" },
  { name: 'order-two-cheeseburgers-large-coke', text: "I'd like two cheeseburgers and a large coke" },
  { name: 'remove-coke', text: 'remove the coke' },
];

export function synthesize(clip: SpeechClip, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, `${clip.name}.wav`);
  const raw = join(outDir, `${clip.name}.espeak.wav`);
  execFileSync('espeak-ng', [
    '-v', clip.voice ?? 'en-us',
    '-s', String(clip.wordsPerMinute ?? 150),
    '-w', raw,
    clip.text,
  ]);
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', target, 'pad', '1.0', '1.5']);
  rmSync(raw);
  return target;
}

/** A WAV of silence, for tests that need a microphone but no words. */
export function silence(outDir: string, seconds = 3): string {
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, 'silence.wav');
  if (!existsSync(target)) {
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', target, 'trim', '0.0', String(seconds)]);
  }
  return target;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const outDir = process.argv[2] ?? 'e2e/.artifacts/audio';
  for (const clip of E2E_CLIPS) console.log(synthesize(clip, outDir));
  console.log(silence(outDir));
}
