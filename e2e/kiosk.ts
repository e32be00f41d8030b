/** Shared helpers for the kiosk end-to-end tests: Chromium with a fake microphone, and the console handle. */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LaunchOptions, Page } from '@playwright/test';
import { FIRST_LEAD_IN_S } from '../scripts/make-speech-wavs.ts';
import type { VoiceStatus } from '../src/voice/voiceClient.ts';

export const AUDIO_DIR = resolve('e2e/.artifacts/audio');

export function audioClip(name: string): string {
  return resolve(AUDIO_DIR, `${name}.wav`);
}

/** Debian's Chromium with a fake microphone playing `wav`, WebRTC allowed on loopback. */
export function chromiumWithMicrophone(wav: string): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
      '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      '--autoplay-policy=no-user-gesture-required',
    ],
  };
}

export async function voiceStatus(page: Page): Promise<VoiceStatus> {
  return page.evaluate(() => {
    if (!window.__voiceClient) throw new Error('window.__voiceClient is not installed');
    return window.__voiceClient.getStatus();
  });
}

export async function waitUntilReady(page: Page): Promise<void> {
  await page.getByTestId('voice-status').and(page.locator('[data-connection="ready"][data-turn="idle"]')).waitFor();
}

export interface ServerCallRecord {
  voiceFramesSent: number;
  id: string;
  scenario: string | null;
  open: boolean;
  packetsReceived: number;
  turns: { packets: number; bytes: number; duration_ms: number }[];
}

export async function serverCalls(page: Page): Promise<ServerCallRecord[]> {
  const response = await page.request.get('/api/debug/calls');
  const body = (await response.json()) as { calls: ServerCallRecord[] };
  return body.calls;
}

/** Holds the push-to-talk button with the mouse for `ms`, then lets go. */
export async function holdToTalk(page: Page, ms: number): Promise<void> {
  const button = page.getByTestId('voice-order-button');
  await button.hover();
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

interface ClipLayout {
  segments: { startMs: number; durationMs: number }[];
}

function clipLayout(name: string): ClipLayout & { totalMs: number } {
  const layout = JSON.parse(readFileSync(resolve(AUDIO_DIR, `${name}.json`), 'utf8')) as ClipLayout;
  const last = layout.segments.at(-1);
  return { ...layout, totalMs: last ? last.startMs + last.durationMs : 0 };
}

/**
 * When the looping fake microphone file next starts, in page time: listens to a clone of
 * the microphone track (the original is muted between presses) for the clip's long first
 * silence, and takes the speech after it as the first phrase.
 */
async function nextLoopStart(page: Page, totalMs: number): Promise<number> {
  const onset = await page.evaluate(async (quietMs: number) => {
    const track = window.__voiceClient?.microphoneTrack;
    if (!track) throw new Error('no microphone track');
    const probe = track.clone();
    probe.enabled = true;
    const context = new AudioContext();
    try {
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      context.createMediaStreamSource(new MediaStream([probe])).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const level = () => {
        analyser.getFloatTimeDomainData(samples);
        return Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / samples.length);
      };
      let quietSince: number | null = null;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const now = Date.now();
        if (level() <= 0.02) quietSince ??= now;
        else if (quietSince !== null && now - quietSince > quietMs) return now;
        else quietSince = null;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error('no speech heard on the microphone');
    } finally {
      probe.stop();
      await context.close();
    }
  }, (FIRST_LEAD_IN_S - 0.8) * 1000);
  return onset - FIRST_LEAD_IN_S * 1000 + totalMs;
}

/** Where one loop of the page's fake microphone file started, once measured. */
const loopPhase = new WeakMap<Page, number>();

/**
 * Says one phrase of the fake microphone's clip: waits for that phrase's stretch of the
 * looping file, holds the button through the speech, lets go in the trailing silence.
 */
export async function sayClip(
  page: Page,
  name: string,
  options: { phrase?: number; how?: 'mouse' | 'keyboard' | 'touch' } = {},
): Promise<void> {
  const how = options.how ?? 'mouse';
  const layout = clipLayout(name);
  const segment = layout.segments[options.phrase ?? 0];
  if (!segment) throw new Error(`clip ${name} has no phrase ${options.phrase}`);
  let loopStart = loopPhase.get(page) ?? (await nextLoopStart(page, layout.totalMs));
  loopPhase.set(page, loopStart);
  // The file keeps looping at the same rate: step on to the first loop still ahead.
  const now = await page.evaluate(() => Date.now());
  while (loopStart + segment.startMs < now + 150) loopStart += layout.totalMs;
  const button = page.getByTestId('voice-order-button');
  if (how === 'mouse') await button.hover();
  if (how === 'keyboard') await button.focus();
  // A little after the stretch starts: audio still in flight from before it is not wanted.
  const pressAt = loopStart + segment.startMs + 200;
  await page.waitForTimeout(Math.max(0, pressAt - (await page.evaluate(() => Date.now()))));
  await pressButton(page, how);
  // Release in the trailing silence; the post-roll keeps the microphone open a little longer.
  await page.waitForTimeout(segment.durationMs - 900);
  await releaseButton(page, how);
}

async function pressButton(page: Page, how: 'mouse' | 'keyboard' | 'touch'): Promise<void> {
  if (how === 'mouse') await page.mouse.down();
  else if (how === 'keyboard') await page.keyboard.down('Space');
  else await page.getByTestId('voice-order-button').dispatchEvent('pointerdown', { pointerId: 7, pointerType: 'touch', button: 0, isPrimary: true });
}

async function releaseButton(page: Page, how: 'mouse' | 'keyboard' | 'touch'): Promise<void> {
  if (how === 'mouse') await page.mouse.up();
  else if (how === 'keyboard') await page.keyboard.up('Space');
  else await page.getByTestId('voice-order-button').dispatchEvent('pointerup', { pointerId: 7, pointerType: 'touch', button: 0, isPrimary: true });
}
