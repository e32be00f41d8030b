/**
 * Whole turns with real speech: release → committed → final transcript → first reply
 * audio, each step split into client time, server time and the link between them, from
 * the page's probe and the server's own timeline (/api/debug/calls, test mode). Both read
 * the same machine clock (`performance.timeOrigin + performance.now()`).
 */

import type { Browser } from '@playwright/test';
import { sayClip } from '../e2e/kiosk.ts';
import type { WaterfallStep } from '../src/voice/latencyWaterfall.ts';
import { clearProbe, installProbe, waitForMark, readProbe, type ProbeReading } from './probe.ts';
import { spread, type Spread } from './stats.ts';

interface ServerTimelineEntry {
  at: number;
  direction: 'received' | 'sent';
  type: string;
}

/** One turn's moments, in milliseconds after the release. */
export interface TurnSample {
  commitSent: number;
  commitReceived: number;
  committedSent: number;
  committedReceived: number;
  transcriptSent: number;
  transcriptReceived: number;
  audioSent: number;
  audioReceived: number;
  /** The page's onmessage handlers, summed over the turn's messages. */
  clientHandling: number;
  /** The same, by message type, and how many of each. */
  handlingByType: Record<string, { ms: number; count: number }>;
  /** release → commit sent, less the post-roll the kiosk waits by design. */
  clientBeforeCommit: number;
}

export interface TurnResult {
  turns: number;
  postRollMs: number;
  releaseToCommitted: Spread;
  releaseToTranscript: Spread;
  releaseToFirstAudio: Spread;
  clientTime: Spread;
  serverTime: Spread;
  linkTime: Spread;
  median: TurnSample;
}

const POST_ROLL_MS = 300;
const type = {
  commit: 'input_audio_buffer.commit',
  committed: 'input_audio_buffer.committed',
  transcript: 'conversation.item.input_audio_transcription.completed',
  audio: 'output_audio_buffer.started',
};

function sampleOf(reading: ProbeReading, server: ServerTimelineEntry[]): TurnSample {
  const epoch = (at: number) => reading.timeOrigin + at;
  const page = (name: string, after: number) => {
    const mark = reading.marks.find((entry) => entry.name === name && entry.at >= after);
    if (!mark) throw new Error(`turn: no ${name}`);
    return mark.at;
  };
  const release = page('pointerup', 0);
  const commitSent = page(`out:${type.commit}`, release);
  const committedReceived = page(`in:${type.committed}`, commitSent);
  const transcriptReceived = page(`in:${type.transcript}`, committedReceived);
  const audioReceived = page(`in:${type.audio}`, transcriptReceived);
  const serverAt = (direction: ServerTimelineEntry['direction'], name: string, afterEpoch: number) => {
    const entry = server.find((item) => item.direction === direction && item.type === name && item.at >= afterEpoch - 2);
    if (!entry) throw new Error(`turn: the server has no ${direction} ${name}`);
    return entry.at;
  };
  const commitReceivedEpoch = serverAt('received', type.commit, epoch(commitSent));
  const committedSentEpoch = serverAt('sent', type.committed, commitReceivedEpoch);
  const transcriptSentEpoch = serverAt('sent', type.transcript, committedSentEpoch);
  const audioSentEpoch = serverAt('sent', type.audio, transcriptSentEpoch);
  const fromRelease = (epochMs: number) => epochMs - epoch(release);
  const turnHandling = reading.handling.filter((entry) => entry.at >= release && entry.at <= audioReceived);
  const clientHandling = turnHandling.reduce((sum, entry) => sum + entry.ms, 0);
  const handlingByType: TurnSample['handlingByType'] = {};
  for (const entry of turnHandling) {
    const total = (handlingByType[entry.type] ??= { ms: 0, count: 0 });
    total.ms += entry.ms;
    total.count += 1;
  }
  return {
    commitSent: commitSent - release,
    commitReceived: fromRelease(commitReceivedEpoch),
    committedSent: fromRelease(committedSentEpoch),
    committedReceived: committedReceived - release,
    transcriptSent: fromRelease(transcriptSentEpoch),
    transcriptReceived: transcriptReceived - release,
    audioSent: fromRelease(audioSentEpoch),
    audioReceived: audioReceived - release,
    clientHandling,
    handlingByType,
    clientBeforeCommit: commitSent - release - POST_ROLL_MS,
  };
}

/**
 * Time the client spent (its own work, without the designed post-roll), the server (commit
 * received → first audio sent) and the link (both ways). The client's handling of the
 * messages before the last overlaps the server's work, so its share is an upper bound.
 */
function split(sample: TurnSample): { client: number; server: number; link: number } {
  return {
    client: sample.clientBeforeCommit + sample.clientHandling,
    server: sample.audioSent - sample.commitReceived,
    link: sample.commitReceived - sample.commitSent + (sample.audioReceived - sample.audioSent),
  };
}

/** The median turn's steps, for the waterfall. */
export function turnWaterfall(sample: TurnSample, postRollMs: number): WaterfallStep[] {
  return [
    { label: 'post-roll (mic open by design)', start: 0, end: postRollMs, owner: 'design' },
    { label: 'client: release → commit sent', start: postRollMs, end: sample.commitSent, owner: 'client' },
    { label: 'link: commit → server', start: sample.commitSent, end: sample.commitReceived, owner: 'link' },
    { label: 'server: commit → committed', start: sample.commitReceived, end: sample.committedSent, owner: 'server' },
    { label: 'link: committed → client', start: sample.committedSent, end: sample.committedReceived, owner: 'link' },
    { label: 'server: recognition', start: sample.committedSent, end: sample.transcriptSent, owner: 'server' },
    { label: 'link: transcript → client', start: sample.transcriptSent, end: sample.transcriptReceived, owner: 'link' },
    { label: 'server: agent + first audio', start: sample.transcriptSent, end: sample.audioSent, owner: 'server' },
    { label: 'link: audio started → client', start: sample.audioSent, end: sample.audioReceived, owner: 'link' },
    { label: `client: handling (${sample.clientHandling.toFixed(2)} ms in all)`, start: sample.audioReceived, end: sample.audioReceived + sample.clientHandling, owner: 'client' },
  ];
}

async function serverTimeline(baseUrl: string, sessionId: string): Promise<ServerTimelineEntry[]> {
  const body = (await (await fetch(`${baseUrl}/api/debug/calls`)).json()) as { calls: { id: string; timeline?: ServerTimelineEntry[] }[] };
  const call = body.calls.find((entry) => entry.id === sessionId);
  if (!call?.timeline) throw new Error('the server reports no timeline for the call (is it the test-mode server?)');
  return call.timeline;
}

export async function measureTurns(browser: Browser, baseUrl: string, turns: number): Promise<TurnResult> {
  const context = await browser.newContext();
  await installProbe(context);
  const page = await context.newPage();
  const samples: TurnSample[] = [];
  try {
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid="voice-status"][data-connection="ready"][data-turn="idle"]').waitFor();
    for (let turn = 0; turn < turns; turn += 1) {
      await clearProbe(page);
      await sayClip(page, 'cheeseburger');
      await waitForMark(page, `in:${type.audio}`);
      // The reply is heard to its end, so the next turn is a fresh one, not a barge-in.
      await waitForMark(page, 'in:output_audio_buffer.stopped');
      await page.locator('[data-testid="voice-status"][data-turn="idle"]').waitFor();
      const sessionId = await page.evaluate(() => window.__voiceClient!.getStatus().sessionId);
      if (!sessionId) throw new Error('no session');
      samples.push(sampleOf(await readProbe(page), await serverTimeline(baseUrl, sessionId)));
    }
  } finally {
    await context.close();
  }
  const splits = samples.map(split);
  const byTotal = [...samples].sort((a, b) => a.audioReceived - b.audioReceived);
  return {
    turns,
    postRollMs: POST_ROLL_MS,
    releaseToCommitted: spread(samples.map((sample) => sample.committedReceived)),
    releaseToTranscript: spread(samples.map((sample) => sample.transcriptReceived)),
    releaseToFirstAudio: spread(samples.map((sample) => sample.audioReceived)),
    clientTime: spread(splits.map((entry) => entry.client)),
    serverTime: spread(splits.map((entry) => entry.server)),
    linkTime: spread(splits.map((entry) => entry.link)),
    median: byTotal[Math.floor(byTotal.length / 2)]!,
  };
}
