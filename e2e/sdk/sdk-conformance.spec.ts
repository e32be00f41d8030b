/**
 * Conformance: a client nobody here wrote — the official `@openai/agents-realtime` SDK,
 * bundled for the browser from the installed package — completes a spoken push-to-talk
 * turn against the unmodified local server, from a page on another origin, with the
 * menu tools called and answered and the reply spoken. What it proves is what the
 * local server stands in for: the GA Realtime API as a third-party client sees it.
 */

import { expect, test } from '@playwright/test';
import { MENU_TOOLS } from '../../src/menu/menuTools.ts';
import { E2E_PORT } from '../../playwright.config.ts';
import { buildSdkBundle } from '../../scripts/sdkBundle.ts';
import { audioClip, chromiumWithMicrophone, clipLayout } from '../kiosk.ts';
import { startForeignOrigin, type ForeignOrigin } from './foreignOrigin.ts';
import { runSdkTurn, type SdkHistoryItem } from './sdkTurn.ts';

const CLIP = 'order-then-remove';
/** The foreign origin's port: the kiosk server's plus one. */
const FOREIGN_PORT = E2E_PORT + 1;

test.use({ launchOptions: chromiumWithMicrophone(audioClip(CLIP)) });

let origin: ForeignOrigin;

test.beforeAll(async () => {
  const { file } = await buildSdkBundle('e2e/.artifacts/sdk');
  origin = await startForeignOrigin(FOREIGN_PORT, file);
});

test.afterAll(async () => {
  await origin?.close();
});

function transcriptOf(item: SdkHistoryItem | undefined): string {
  return (item?.content ?? []).map((part) => part.transcript ?? part.text ?? '').join('');
}

test('the official SDK completes a spoken turn with tool calls from a foreign origin, with no error events', async ({ page, baseURL }) => {
  const kiosk = baseURL ?? `http://127.0.0.1:${E2E_PORT}`;
  const tokenResponse = await page.request.post(`${kiosk}/api/session`);
  expect(tokenResponse.ok()).toBe(true);
  const token = (await tokenResponse.json()) as { value: string; calls_url: string };

  await page.goto(origin.url);
  expect(new URL(page.url()).origin).not.toBe(new URL(kiosk).origin);
  const result = await page.evaluate(runSdkTurn, {
    bundleUrl: `${origin.url}${origin.bundlePath}`,
    callsUrl: new URL(token.calls_url, kiosk).toString(),
    token: token.value,
    instructions: 'You take food orders at a restaurant kiosk.',
    tools: MENU_TOOLS.map(({ name, description, parameters }) => ({ name, description, parameters })),
    layout: clipLayout(CLIP),
    phrase: 0,
  });
  console.log(`SDK turn: call ${result.callId}, ${result.serverEventTypes.length} server events, tool calls ${JSON.stringify(result.toolCalls)}`);

  expect(result.errorEvents).toEqual([]);
  expect(result.sessionErrors).toEqual([]);
  expect(result.callId).toMatch(/^rtc_[A-Za-z0-9]+$/);
  expect(result.sessionEndpointReadable).toBe(false);

  const user = result.history.find((item) => item.type === 'message' && item.role === 'user');
  expect(transcriptOf(user)).toBe("i'd like two cheeseburgers and a large coke");
  expect(result.toolCalls).toEqual([
    { name: 'add_item', arguments: { item_id: 'cheeseburger', quantity: 2 } },
    { name: 'add_item', arguments: { item_id: 'coke', quantity: 1, size: 'large' } },
  ]);
  const calls = result.history.filter((item) => item.type === 'function_call');
  expect(calls.map((item) => [item.name, item.status, item.output])).toEqual([
    ['add_item', 'completed', '{"ok":true}'],
    ['add_item', 'completed', '{"ok":true}'],
  ]);
  const assistant = result.history.filter((item) => item.type === 'message' && item.role === 'assistant');
  expect(assistant.map(transcriptOf)).toEqual(['Two cheeseburgers and a large coke added. Anything else?']);
  expect(assistant[0]?.status).toBe('completed');

  expect(result.audioDone).toBeGreaterThanOrEqual(1);
  expect(result.audioStopped).toBeGreaterThanOrEqual(1);
  // What the SDK asked for is what the session says it is.
  expect(result.sessionConfig).toMatchObject({
    type: 'realtime',
    instructions: 'You take food orders at a restaurant kiosk.',
    output_modalities: ['audio'],
    audio: {
      input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'gpt-4o-mini-transcribe' }, turn_detection: null },
      output: { voice: 'marin' },
    },
  });
  expect((result.sessionConfig as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toEqual(MENU_TOOLS.map((tool) => tool.name));
  expect(result.serverEventTypes).toContain('conversation.item.retrieved');

  // The server's side of the same call: found by the id the SDK read from Location.
  const debug = (await (await page.request.get(`${kiosk}/api/debug/calls`)).json()) as { calls: { id: string; turns: unknown[] }[] };
  expect(debug.calls.find((call) => call.id === result.callId)?.turns).toHaveLength(1);
});
