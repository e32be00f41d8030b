/** Shared helpers for the kiosk end-to-end tests: Chromium with a fake microphone, and the console handle. */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession, LaunchOptions, Page } from '@playwright/test';
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
  /** The call's id (`rtc_…`). */
  id: string;
  /** The session's id (`sess_…`), as `session.created` names it. */
  sessionId: string;
  scenario: string | null;
  open: boolean;
  packetsReceived: number;
  turns: { packets: number; bytes: number; duration_ms: number }[];
  truncations: { itemId: string; audioEndMs: number; audioMs: number }[];
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
  /** Silence before the first phrase, and the longest silence between phrases. */
  firstLeadInMs: number;
  leadInMs: number;
  longestGapMs: number;
}

export function clipLayout(name: string): ClipLayout & { totalMs: number } {
  const layout = JSON.parse(readFileSync(resolve(AUDIO_DIR, `${name}.json`), 'utf8')) as ClipLayout;
  const last = layout.segments.at(-1);
  return { ...layout, totalMs: last ? last.startMs + last.durationMs : 0 };
}

/**
 * When the looping fake microphone file started its current loop, in page time: listens
 * to a clone of the microphone track (the original is muted between presses) for the
 * clip's long first silence, and takes the speech after it as the first phrase.
 */
export async function currentLoopStart(page: Page, layout: ClipLayout): Promise<number> {
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
    // Quiet for longer than any gap between phrases: the speech after it is the first phrase.
  }, (layout.firstLeadInMs + layout.longestGapMs) / 2);
  return onset - layout.firstLeadInMs;
}

/** Where one loop of the page's fake microphone file started, once measured. */
const loopPhase = new WeakMap<Page, number>();

/**
 * Says one phrase of the fake microphone's clip: waits for that phrase's stretch of the
 * looping file, holds the button through the speech, lets go in the trailing silence.
 */
/** Presses for one stretch of the looping clip, given where a loop started (page time). */
export async function saySegment(
  page: Page,
  layout: ClipLayout & { totalMs: number },
  index: number,
  loopStart: number,
  how: 'mouse' | 'keyboard' | 'touch' = 'mouse',
): Promise<void> {
  const segment = layout.segments[index];
  if (!segment) throw new Error(`no phrase ${index}`);
  const button = page.getByTestId('voice-order-button');
  if (how === 'mouse') await button.hover();
  if (how === 'keyboard') await button.focus();
  // The file keeps looping: use the first stretch whose speech is still ahead (pressing
  // anywhere in its lead-in silence is fine), else the same stretch one loop later.
  const leadIn = index === 0 ? layout.firstLeadInMs : layout.leadInMs;
  const now = await page.evaluate(() => Date.now());
  let stretchStart = loopStart + segment.startMs;
  while (stretchStart + leadIn - 300 < now + 50) stretchStart += layout.totalMs;
  // Not right at the stretch's start: audio still in flight from before it is not wanted.
  const pressAt = Math.max(stretchStart + 200, now + 50);
  await page.waitForTimeout(Math.max(0, pressAt - (await page.evaluate(() => Date.now()))));
  await pressButton(page, how);
  // Release in the trailing silence; the post-roll keeps the microphone open a little longer.
  const releaseAt = stretchStart + segment.durationMs - 700;
  await page.waitForTimeout(Math.max(0, releaseAt - (await page.evaluate(() => Date.now()))));
  await releaseButton(page, how);
}

export async function sayClip(
  page: Page,
  name: string,
  options: { phrase?: number; how?: 'mouse' | 'keyboard' | 'touch' } = {},
): Promise<void> {
  const layout = clipLayout(name);
  const loopStart = loopPhase.get(page) ?? (await currentLoopStart(page, layout));
  loopPhase.set(page, loopStart);
  await saySegment(page, layout, options.phrase ?? 0, loopStart, options.how);
}

const touchSessions = new WeakMap<Page, CDPSession>();

/** A real touch on the button through Chromium's input pipeline (needs a context with hasTouch). */
async function touch(page: Page, type: 'touchStart' | 'touchEnd'): Promise<void> {
  const box = await page.getByTestId('voice-order-button').boundingBox();
  if (!box) throw new Error('the button is not on screen');
  // One session per page: a touch must start and end in the same one.
  let session = touchSessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    touchSessions.set(page, session);
  }
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await session.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchStart' ? [point] : [] });
}

async function pressButton(page: Page, how: 'mouse' | 'keyboard' | 'touch'): Promise<void> {
  if (how === 'mouse') await page.mouse.down();
  else if (how === 'keyboard') await page.keyboard.down('Space');
  else await touch(page, 'touchStart');
}

async function releaseButton(page: Page, how: 'mouse' | 'keyboard' | 'touch'): Promise<void> {
  if (how === 'mouse') await page.mouse.up();
  else if (how === 'keyboard') await page.keyboard.up('Space');
  else await touch(page, 'touchEnd');
}
