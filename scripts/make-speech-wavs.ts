/**
 * Synthesises the fake-microphone WAVs with espeak-ng and sox: 48 kHz mono. A clip is
 * one or more phrases; the first follows a long silence (so a test can find where the
 * looping file starts), each later one a short silence, and every phrase is followed by
 * silence, so each utterance stands alone.
 * Usage: tsx scripts/make-speech-wavs.ts [outDir]
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SpeechClip {
  name: string;
  phrases: string[];
  voice?: string;
  wordsPerMinute?: number;
  /** Silence before each later phrase, in seconds (time for the previous turn to finish). */
  leadInS?: number;
  /** Silence before the first phrase; must be longer than any gap between phrases. */
  firstLeadInS?: number;
  /** Phrases (by index) that are a non-speech sound instead of words. */
  sounds?: Record<number, 'cough' | 'noise'>;
}

/** Silence before the first phrase: longer than any gap inside a clip. */
export const FIRST_LEAD_IN_S = 4.0;
export const LEAD_IN_S = 1.0;
export const TRAIL_S = 1.5;

export const E2E_CLIPS: SpeechClip[] = [
  { name: 'cheeseburger', phrases: ["I'd like a cheeseburger"] },
  { name: 'order-then-remove', phrases: ["I'd like two cheeseburgers and a large coke", 'remove the coke'] },
  { name: 'order-then-confirm', phrases: ["I'd like a cheeseburger", "that's all"] },
];

export interface ClipSegment {
  /** Where the phrase's own padded stretch starts in the file, in ms. */
  startMs: number;
  durationMs: number;
}

function durationMs(file: string): number {
  return Math.round(Number(execFileSync('soxi', ['-D', file]).toString().trim()) * 1000);
}

/** Writes `<name>.wav` and `<name>.json` (the segments); returns the WAV's path. */
export function synthesize(clip: SpeechClip, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const parts: string[] = [];
  const segments: ClipSegment[] = [];
  let offset = 0;
  clip.phrases.forEach((phrase, index) => {
    const spoken = join(outDir, `${clip.name}.${index}.espeak.wav`);
    const padded = join(outDir, `${clip.name}.${index}.wav`);
    const sound = clip.sounds?.[index];
    if (sound) synthesizeSound(sound, spoken);
    else execFileSync('espeak-ng', ['-v', clip.voice ?? 'en-us', '-s', String(clip.wordsPerMinute ?? 150), '-w', spoken, phrase]);
    const lead = index === 0 ? (clip.firstLeadInS ?? FIRST_LEAD_IN_S) : (clip.leadInS ?? LEAD_IN_S);
    execFileSync('sox', [spoken, '-r', '48000', '-c', '1', '-b', '16', padded, 'pad', String(lead), String(TRAIL_S)]);
    rmSync(spoken);
    const duration = durationMs(padded);
    segments.push({ startMs: offset, durationMs: duration });
    offset += duration;
    parts.push(padded);
  });
  const target = join(outDir, `${clip.name}.wav`);
  if (parts.length === 1) execFileSync('cp', [parts[0] ?? '', target]);
  else execFileSync('sox', [...parts, target]);
  for (const part of parts) rmSync(part);
  const firstLeadInMs = (clip.firstLeadInS ?? FIRST_LEAD_IN_S) * 1000;
  const longestGapMs = ((clip.leadInS ?? LEAD_IN_S) + TRAIL_S) * 1000;
  if (clip.phrases.length > 1 && firstLeadInMs - longestGapMs < 1000) {
    throw new Error(`clip ${clip.name}: the first lead-in must be at least 1 s longer than the gaps between phrases`);
  }
  writeFileSync(
    join(outDir, `${clip.name}.json`),
    JSON.stringify({ phrases: clip.phrases, segments, firstLeadInMs, leadInMs: (clip.leadInS ?? LEAD_IN_S) * 1000, longestGapMs }, null, 2),
  );
  return target;
}

/**
 * A non-speech sound at 48 kHz for the rejection tests: a cough (two short bursts of
 * shaped brown noise) or a stretch of background noise.
 */
export function synthesizeSound(kind: 'cough' | 'noise', target: string): string {
  if (kind === 'cough') {
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', target, 'synth', '0.25', 'brownnoise', 'fade', 'q', '0.02', '0.25', '0.18', 'gain', '-3', 'pad', '0', '0.15', 'repeat', '1']);
  } else {
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', target, 'synth', '1.2', 'pinknoise', 'fade', 'q', '0.1', '1.2', '0.1', 'gain', '-12']);
  }
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

if (process.argv[1]?.endsWith('make-speech-wavs.ts')) {
  const outDir = process.argv[2] ?? 'e2e/.artifacts/audio';
  for (const clip of E2E_CLIPS) console.log(synthesize(clip, outDir));
  console.log(silence(outDir));
}
