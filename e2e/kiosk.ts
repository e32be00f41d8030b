/** Shared helpers for the kiosk end-to-end tests: Chromium with a fake microphone, and the console handle. */

import { resolve } from 'node:path';
import type { LaunchOptions, Page } from '@playwright/test';
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
