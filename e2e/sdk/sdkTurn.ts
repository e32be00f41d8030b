/**
 * One push-to-talk turn driven by the official `@openai/agents-realtime` SDK, run inside
 * the foreign-origin page (`page.evaluate(runSdkTurn, input)`): the SDK's own
 * `RealtimeSession` over its own `OpenAIRealtimeWebRTC` transport, pointed at the local
 * server's calls endpoint. Push-to-talk is what the SDK's docs describe for
 * `turn_detection: null`: clear the input buffer on press, commit and ask for a
 * response on release. Tools are the kiosk's menu tools; their execute records the
 * call and answers `{ ok: true }`, so the reply that follows depends on the outputs.
 *
 * Runs in the browser: it may use nothing from its module but its argument.
 */

export interface SdkTurnInput {
  bundleUrl: string;
  callsUrl: string;
  token: string;
  instructions: string;
  tools: { name: string; description: string; parameters: Record<string, unknown> }[];
  /** Where the phrase lies in the fake microphone's looping clip. */
  layout: { segments: { startMs: number; durationMs: number }[]; firstLeadInMs: number; longestGapMs: number; totalMs: number };
  phrase: number;
}

export interface SdkHistoryItem {
  type: string;
  role?: string;
  status?: string;
  name?: string;
  output?: string | null;
  content?: { type: string; transcript?: string | null; text?: string }[];
}

export interface SdkTurnResult {
  callId: string | undefined;
  /** Every `error` server event the transport received, raw. */
  errorEvents: unknown[];
  /** Every error the session reported (server events and its own). */
  sessionErrors: string[];
  history: SdkHistoryItem[];
  toolCalls: { name: string; arguments: unknown }[];
  audioDone: number;
  audioStopped: number;
  serverEventTypes: string[];
  /** The raw session config the SDK kept from the last `session.updated`. */
  sessionConfig: unknown;
  /** Whether the page could read a token from the kiosk's own `/api/session` (it must not). */
  sessionEndpointReadable: boolean;
}

export async function runSdkTurn(input: SdkTurnInput): Promise<SdkTurnResult> {
  interface Emitter {
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
  interface Transport extends Emitter {
    readonly callId: string | undefined;
    readonly _rawSessionConfig: unknown;
    sendEvent(event: Record<string, unknown>): void;
    requestResponse(): void;
  }
  interface Session extends Emitter {
    readonly history: SdkHistoryItem[];
    connect(options: { apiKey: string }): Promise<void>;
    close(): void;
  }
  interface Sdk {
    tool(options: Record<string, unknown>): unknown;
    RealtimeAgent: new (options: Record<string, unknown>) => unknown;
    OpenAIRealtimeWebRTC: new (options: Record<string, unknown>) => Transport;
    RealtimeSession: new (agent: unknown, options: Record<string, unknown>) => Session;
  }
  const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  const until = async (what: string, done: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  let sessionEndpointReadable = true;
  try {
    await fetch(new URL('/api/session', input.callsUrl), { method: 'POST' });
  } catch {
    sessionEndpointReadable = false;
  }

  const sdk = (await import(input.bundleUrl)) as Sdk;
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });

  // Where the looping fake microphone file is now: the speech after its long first silence.
  const loopStart = await (async () => {
    const context = new AudioContext();
    try {
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      context.createMediaStreamSource(microphone).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const quietMs = (input.layout.firstLeadInMs + input.layout.longestGapMs) / 2;
      let quietSince: number | null = null;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        analyser.getFloatTimeDomainData(samples);
        const level = Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / samples.length);
        const now = Date.now();
        if (level <= 0.02) quietSince ??= now;
        else if (quietSince !== null && now - quietSince > quietMs) return now - input.layout.firstLeadInMs;
        else quietSince = null;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error('no speech heard on the microphone');
    } finally {
      await context.close();
    }
  })();

  const toolCalls: SdkTurnResult['toolCalls'] = [];
  const tools = input.tools.map((definition) =>
    sdk.tool({
      name: definition.name,
      description: definition.description,
      parameters: definition.parameters,
      strict: false,
      execute: async (args: unknown) => {
        toolCalls.push({ name: definition.name, arguments: args });
        return JSON.stringify({ ok: true });
      },
    }),
  );
  const agent = new sdk.RealtimeAgent({ name: 'Kiosk', instructions: input.instructions, tools });
  const audioElement = document.getElementById('reply') as HTMLAudioElement;
  const transport = new sdk.OpenAIRealtimeWebRTC({ baseUrl: input.callsUrl, mediaStream: microphone, audioElement });
  const session = new sdk.RealtimeSession(agent, {
    transport,
    config: { audio: { input: { turnDetection: null }, output: { voice: 'marin' } } },
  });
  const errorEvents: unknown[] = [];
  const sessionErrors: string[] = [];
  const serverEventTypes: string[] = [];
  let audioDone = 0;
  let audioStopped = 0;
  transport.on('*', (event) => {
    const type = (event as { type?: string }).type ?? '?';
    serverEventTypes.push(type);
    if (type === 'error') errorEvents.push(event);
  });
  transport.on('audio_done', () => (audioDone += 1));
  session.on('audio_stopped', () => (audioStopped += 1));
  session.on('error', (error) => sessionErrors.push(JSON.stringify((error as { error?: unknown }).error ?? error)));

  await session.connect({ apiKey: input.token });

  // Press in the phrase's lead-in silence, release in its trailing silence, as a customer would.
  const segment = input.layout.segments[input.phrase];
  if (!segment) throw new Error(`no phrase ${input.phrase}`);
  let stretchStart = loopStart + segment.startMs;
  while (stretchStart + 200 < Date.now() + 50) stretchStart += input.layout.totalMs;
  await sleepUntil(stretchStart + 200);
  transport.sendEvent({ type: 'input_audio_buffer.clear' });
  await sleepUntil(stretchStart + segment.durationMs - 400);
  transport.sendEvent({ type: 'input_audio_buffer.commit' });
  transport.requestResponse();

  const assistantSaid = () =>
    session.history.some((item) => item.role === 'assistant' && (item.content ?? []).some((part) => (part.transcript ?? part.text ?? '') !== ''));
  await until('the assistant message in the SDK history', assistantSaid, 30_000);
  await until('the SDK to report the end of the reply audio (audio_done)', () => audioDone > 0, 15_000);
  await until('output_audio_buffer.stopped', () => serverEventTypes.includes('output_audio_buffer.stopped'), 20_000);
  // Whatever the SDK sends after the turn (its item retrieves) has had time to be answered.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const result: SdkTurnResult = {
    callId: transport.callId,
    errorEvents,
    sessionErrors,
    history: JSON.parse(JSON.stringify(session.history)) as SdkHistoryItem[],
    toolCalls,
    audioDone,
    audioStopped,
    serverEventTypes,
    sessionConfig: JSON.parse(JSON.stringify(transport._rawSessionConfig ?? null)),
    sessionEndpointReadable,
  };
  session.close();
  for (const track of microphone.getTracks()) track.stop();
  return result;
}
