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

/** Where the looping fake microphone file started a loop (page time), on which microphone track. */
interface TrackLoop {
  trackId: string;
  loopStart: number;
}

/**
 * When the looping fake microphone file started its current loop, in page time: listens
 * to a clone of the microphone track (the original is muted between presses) for the
 * clip's long first silence, and takes the speech after it as the first phrase.
 *
 * The file's position belongs to the track: Chromium restarts the file when the
 * microphone is acquired again with no track of the old capture left (a session renewal
 * does that). So the measurement follows the client's track: a new one is measured from
 * its start, and `notTrack` waits for a track other than the one named (the next session's).
 */
async function trackLoop(page: Page, layout: ClipLayout, options: { notTrack?: string } = {}): Promise<TrackLoop> {
  const found = await page.evaluate(
    async ({ quietMs, notTrack }) => {
      const deadline = Date.now() + 60_000;
      const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
      for (;;) {
        const track = window.__voiceClient?.microphoneTrack;
        if (!track || track.id === notTrack || track.readyState === 'ended') {
          if (Date.now() > deadline) throw new Error('no microphone track');
          await pause();
          continue;
        }
        const probe = track.clone();
        probe.enabled = true;
        const context = new AudioContext();
        try {
          const analyser = context.createAnalyser();
          analyser.fftSize = 512;
          context.createMediaStreamSource(new MediaStream([probe])).connect(analyser);
          const samples = new Float32Array(analyser.fftSize);
          let quietSince: number | null = null;
          // Until the client holds another track: then the file may have restarted, measure that one.
          while (window.__voiceClient?.microphoneTrack === track) {
            if (Date.now() > deadline) throw new Error('no speech heard on the microphone');
            analyser.getFloatTimeDomainData(samples);
            const level = Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / samples.length);
            const now = Date.now();
            // Quiet for longer than any gap between phrases: the speech after it is the first phrase.
            if (level <= 0.02) quietSince ??= now;
            else if (quietSince !== null && now - quietSince > quietMs) return { trackId: track.id, onset: now };
            else quietSince = null;
            await pause();
          }
        } finally {
          probe.stop();
          await context.close();
        }
      }
    },
    { quietMs: (layout.firstLeadInMs + layout.longestGapMs) / 2, notTrack: options.notTrack ?? null },
  );
  return { trackId: found.trackId, loopStart: found.onset - layout.firstLeadInMs };
}

export async function currentLoopStart(page: Page, layout: ClipLayout): Promise<number> {
  return (await trackLoop(page, layout)).loopStart;
}

/** Where one loop of the page's fake microphone file started, once measured. */
const loopPhase = new WeakMap<Page, number>();

/**
 * When to press and let go for one stretch of the looping clip, given where a loop
 * started and the time now (page time). The file keeps looping: the first stretch whose
 * speech is still ahead (pressing anywhere in its lead-in silence is fine), else the
 * same stretch one loop later.
 */
function pressWindow(layout: ClipLayout & { totalMs: number }, index: number, loopStart: number, now: number): { pressAt: number; releaseAt: number } {
  const segment = layout.segments[index];
  if (!segment) throw new Error(`no phrase ${index}`);
  const leadIn = index === 0 ? layout.firstLeadInMs : layout.leadInMs;
  let stretchStart = loopStart + segment.startMs;
  while (stretchStart + leadIn - 300 < now + 50) stretchStart += layout.totalMs;
  return {
    // Not right at the stretch's start: audio still in flight from before it is not wanted.
    pressAt: Math.max(stretchStart + 200, now + 50),
    // Release in the trailing silence; the post-roll keeps the microphone open a little longer.
    releaseAt: stretchStart + segment.durationMs - 700,
  };
}

async function waitUntil(page: Page, at: number): Promise<void> {
  await page.waitForTimeout(Math.max(0, at - (await page.evaluate(() => Date.now()))));
}

/**
 * Says one phrase of the fake microphone's clip: waits for that phrase's stretch of the
 * looping file, holds the button through the speech, lets go in the trailing silence.
 */
export async function saySegment(
  page: Page,
  layout: ClipLayout & { totalMs: number },
  index: number,
  loopStart: number,
  how: 'mouse' | 'keyboard' | 'touch' = 'mouse',
): Promise<void> {
  const button = page.getByTestId('voice-order-button');
  if (how === 'mouse') await button.hover();
  if (how === 'keyboard') await button.focus();
  const { pressAt, releaseAt } = pressWindow(layout, index, loopStart, await page.evaluate(() => Date.now()));
  await waitUntil(page, pressAt);
  await pressButton(page, how);
  await waitUntil(page, releaseAt);
  await releaseButton(page, how);
}

/** Turns the kiosk has completed so far: the mark `waitForTurnToSettle` waits past. */
export async function turnsCompleted(page: Page): Promise<number> {
  return page.evaluate(() => window.__voiceClient?.getSnapshot().context.turnsCompleted ?? 0);
}

/**
 * Waits until the turn after mark `before` has ended: the kiosk idle, with a turn completed
 * or a notice shown. Gives up quietly after `timeoutMs`: a bench counts a lost turn as a
 * miss, it does not stop there.
 */
export async function waitForTurnToSettle(page: Page, before: number, timeoutMs = 20_000): Promise<void> {
  await page
    .waitForFunction(
      (turns) => {
        const snapshot = window.__voiceClient?.getSnapshot();
        return !!snapshot && window.__voiceClient?.getStatus().turnState === 'idle' && (snapshot.context.turnsCompleted > turns || snapshot.context.turnNotice !== null);
      },
      before,
      { timeout: timeoutMs },
    )
    .catch(() => undefined);
}

/** What the kiosk heard the customer say last ('' before any words). */
export async function lastUserTranscript(page: Page): Promise<string> {
  return page.evaluate(() => {
    const context = window.__voiceClient!.getSnapshot().context;
    const users = context.transcriptOrder.map((id) => context.transcripts[id]).filter((entry) => entry?.role === 'user');
    return users.at(-1)?.text ?? '';
  });
}

/**
 * Says one phrase on a kiosk that renews its session while the test waits for the
 * phrase: a renewal acquires the microphone again and restarts the file, so the phrase
 * is timed on a track and said on that track, or timed again on the next one. Once the
 * button is down the kiosk is recording and renews only after the turn. `notTrack`: say
 * it on a track other than the one named (after the next renewal). Resolves to how many
 * times a renewal overtook the phrase.
 */
export async function sayOnRenewingKiosk(
  page: Page,
  layout: ClipLayout & { totalMs: number },
  index: number,
  options: { notTrack?: string } = {},
): Promise<number> {
  let notTrack = options.notTrack;
  // Each retry follows a renewal, which the client makes at most once a renewal interval.
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const { trackId, loopStart } = await trackLoop(page, layout, { notTrack });
    notTrack = undefined;
    const { pressAt, releaseAt } = pressWindow(layout, index, loopStart, await page.evaluate(() => Date.now()));
    await page.getByTestId('voice-order-button').hover();
    if (!(await holdsTrackUntil(page, trackId, pressAt))) continue;
    await page.mouse.down();
    // A renewal between the last look and the press: the press waits for, or records on,
    // the new track, whose file is elsewhere. Let go at once (too short to be a turn), time again.
    if (!(await recordsOnTrack(page, trackId))) {
      await page.mouse.up();
      continue;
    }
    await waitUntil(page, releaseAt);
    await page.mouse.up();
    return attempt;
  }
  throw new Error('every attempt to say the phrase was overtaken by a session renewal');
}

/** Waits until page time `at`; false as soon as the client holds a microphone track other than `trackId`. */
async function holdsTrackUntil(page: Page, trackId: string, at: number): Promise<boolean> {
  return page.evaluate(
    async ({ trackId, at }) => {
      while (Date.now() < at) {
        if (window.__voiceClient?.microphoneTrack?.id !== trackId) return false;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return window.__voiceClient?.microphoneTrack?.id === trackId;
    },
    { trackId, at },
  );
}

/** After a press: true once `trackId` is the one enabled (recording), false if another track (or none) is the client's. */
async function recordsOnTrack(page: Page, trackId: string): Promise<boolean> {
  return page.evaluate(async (trackId) => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const track = window.__voiceClient?.microphoneTrack;
      if (track?.id !== trackId) return false;
      if (track.enabled) return true;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('the press did not start recording');
  }, trackId);
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
