/**
 * VoiceClient: the one object the UI and the field console talk to.
 *
 * It owns the turn machine's actor, the event handler and the event log; it lives
 * outside React so that renders, StrictMode and remounts never touch the connection.
 */

import { createActor, fromPromise, type Actor } from 'xstate';
import { voiceMachine, type VoiceMachine } from '../../machines/voiceMachine.ts';
import {
  connectionStateOf,
  lastErrorOf,
  turnStateOf,
  type ConnectionState,
  type TurnState,
  type VoiceSnapshot,
} from '../../machines/voiceMachine.selectors.ts';
import type { ConnectionCredentials, Timeouts, TokenActorInput } from '../../machines/voiceMachine.types.ts';
import { ClientEventType, type LocalAudioStats, type SessionConfig } from '../protocol/realtimeEvents.ts';
import { KioskTelemetry, type KioskTelemetrySettings } from '../telemetry/kioskTelemetry.ts';
import { readTelemetrySettings } from '../telemetry/telemetryConfig.ts';
import type { TelemetryStats } from '../telemetry/telemetryQueue.ts';
import { createConnectionActor } from './connectionActor.ts';
import { EventLog, type LoggedEvent } from './eventLog.ts';
import { holdResource, liveResources, type ResourceCounts } from './liveResources.ts';
import { createClientLogger, setDebugLogging, type ClientLogger } from './logger.ts';
import { RealtimeEventHandler, type EventCounters } from './realtimeEventHandler.ts';
import { fetchSessionCredentials } from './sessionApi.ts';
import { TurnMetrics, type TurnMetricsReport, type TurnMoment } from './turnMetrics.ts';
import type { WebRTCConnection } from './webrtcConnection.ts';

export interface VoiceClientOptions {
  session: SessionConfig;
  /** The kiosk server's token endpoint. */
  sessionUrl?: string;
  timeouts?: Partial<Timeouts>;
  scenario?: string | null;
  debug?: boolean;
  /** Connect as soon as the client starts, so the first press does not wait on a handshake. */
  autoConnect?: boolean;
  autoReconnect?: boolean;
  /** Install `window.__voiceClient` for field debugging. */
  installConsoleHandle?: boolean;
  /** Where turn and connection telemetry goes; by default from the page address (`?telemetry=0` turns it off), null for none. */
  telemetry?: KioskTelemetrySettings | null;
}

export interface VoiceStatus {
  connectionState: ConnectionState;
  turnState: TurnState | null;
  transcriptMapSize: number;
  hasDataChannel: boolean;
  dataChannelReady: boolean;
  lastError: { code: string; message: string } | null;
  counters: EventCounters & { reconnects: number; connections: number };
  generation: number;
  sessionId: string | null;
  scenario: string | null;
  assistantSpeaking: boolean;
  lastAudioStats: LocalAudioStats | null;
}

/** Server events that mark a moment of the turn, for latency metrics. */
const MOMENT_OF_EVENT: ReadonlyMap<string, TurnMoment> = new Map([
  ['input_audio_buffer.committed', 'committed'],
  ['conversation.item.input_audio_transcription.completed', 'transcript'],
  ['output_audio_buffer.started', 'first_audio'],
]);

function randomSeed(): number {
  const seed = new Uint32Array(1);
  globalThis.crypto.getRandomValues(seed);
  return seed[0] ?? 1;
}

declare global {
  interface Window {
    __voiceClient?: VoiceClient;
  }
}

export class VoiceClient {
  readonly actor: Actor<VoiceMachine>;
  readonly logger: ClientLogger;
  private readonly handler: RealtimeEventHandler;
  private readonly eventLog = new EventLog(200);
  private readonly options: VoiceClientOptions;
  private connection: WebRTCConnection | null = null;
  private connectionsStarted = 0;
  private lastAudioStats: LocalAudioStats | null = null;
  private readonly metrics = new TurnMetrics();
  private started = false;
  private releaseNetworkListeners: (() => void) | null = null;
  private telemetry: KioskTelemetry | null = null;

  constructor(options: VoiceClientOptions) {
    this.options = options;
    this.logger = createClientLogger(options.debug ?? false);
    this.handler = new RealtimeEventHandler(this.logger.child({ part: 'events' }));
    const sessionUrl = options.sessionUrl ?? '/api/session';

    const machine = voiceMachine.provide({
      actors: {
        fetchSessionToken: fromPromise<ConnectionCredentials, TokenActorInput>(({ input, signal }) =>
          fetchSessionCredentials(sessionUrl, input.scenario, signal),
        ),
        realtimeConnection: createConnectionActor({
          handler: this.handler,
          logger: this.logger,
          onConnectionStarted: (connection) => {
            this.connection = connection;
            this.connectionsStarted += 1;
          },
          onConnectionClosed: (connection) => {
            if (this.connection === connection) this.connection = null;
          },
          onIncoming: (raw, handled) => {
            if (handled.audioStats) this.lastAudioStats = handled.audioStats;
            const moment = handled.type ? MOMENT_OF_EVENT.get(handled.type) : undefined;
            if (moment && handled.events.length > 0) {
              this.metrics.mark(moment);
              if (moment === 'first_audio') this.telemetry?.noteFirstAudio();
            }
            this.eventLog.add('in', handled.type ?? '(unparsed)', typeof raw === 'string' ? raw : undefined);
          },
          onOutgoing: (event) => {
            if (event.type === ClientEventType.inputAudioBufferCommit) this.metrics.mark('commit_sent');
            this.eventLog.add('out', String(event.type), JSON.stringify(event));
          },
          onMicrophoneAcquired: () => this.eventLog.add('local', 'microphone_acquired'),
        }),
      },
    });

    this.actor = createActor(machine, {
      input: {
        session: options.session,
        timeouts: options.timeouts,
        scenario: options.scenario ?? null,
        autoReconnect: options.autoReconnect ?? true,
        // Each kiosk its own jitter, so a fleet that lost one server does not return in step.
        jitterSeed: randomSeed(),
      },
    });
  }

  start(): this {
    if (this.started) return this;
    this.started = true;
    this.actor.start();
    this.telemetry = this.startTelemetry();
    let wasRecording = false;
    this.actor.subscribe((snapshot) => {
      const recording = turnStateOf(snapshot) === 'recording';
      if (recording && !wasRecording) this.metrics.mark('recording');
      wasRecording = recording;
      this.telemetry?.observe(snapshot);
    });
    if (this.options.installConsoleHandle !== false && typeof window !== 'undefined') {
      window.__voiceClient = this;
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onNetworkOnline);
      window.addEventListener('offline', this.onNetworkOffline);
      const online = holdResource('listeners');
      const offline = holdResource('listeners');
      this.releaseNetworkListeners = () => {
        online();
        offline();
      };
    }
    if (this.options.autoConnect !== false) this.connect();
    return this;
  }

  private startTelemetry(): KioskTelemetry | null {
    const settings =
      this.options.telemetry !== undefined
        ? this.options.telemetry
        : typeof window === 'undefined'
          ? null
          : readTelemetrySettings(window.location.search);
    if (!settings) return null;
    // A press that ends a turn has already started the next one in the metrics.
    const telemetry = new KioskTelemetry(settings, (superseded) => this.metrics.latest(superseded ? 1 : 0));
    telemetry.observe(this.actor.getSnapshot());
    return telemetry;
  }

  connect(): void {
    this.eventLog.add('local', 'connect');
    this.actor.send({ type: 'connect' });
  }

  disconnect(): void {
    this.actor.send({ type: 'disconnect' });
  }

  press(): void {
    this.eventLog.add('local', 'press');
    this.metrics.mark('press');
    this.actor.send({ type: 'press' });
  }

  release(): void {
    this.eventLog.add('local', 'release');
    this.metrics.mark('release');
    this.actor.send({ type: 'release' });
  }

  /** Console escape hatch: drop the connection and return to a state the button can act from. */
  forceReset(): VoiceStatus {
    this.logger.warn('forced reset from the console');
    this.actor.send({ type: 'force_reset' });
    return this.getStatus();
  }

  newConversation(): void {
    this.actor.send({ type: 'new_conversation' });
  }

  setScenario(scenario: string | null): void {
    this.actor.send({ type: 'set_scenario', scenario });
  }

  subscribe(listener: (snapshot: VoiceSnapshot) => void): () => void {
    const subscription = this.actor.subscribe(listener);
    return () => subscription.unsubscribe();
  }

  getSnapshot(): VoiceSnapshot {
    return this.actor.getSnapshot();
  }

  getStatus(): VoiceStatus {
    const snapshot = this.actor.getSnapshot();
    return {
      connectionState: connectionStateOf(snapshot),
      turnState: turnStateOf(snapshot),
      transcriptMapSize: snapshot.context.transcriptOrder.length,
      hasDataChannel: this.connection?.hasDataChannel ?? false,
      dataChannelReady: this.connection?.dataChannelReady ?? false,
      lastError: lastErrorOf(snapshot),
      counters: {
        ...this.handler.counters,
        byType: { ...this.handler.counters.byType },
        unknownTypeSample: [...this.handler.counters.unknownTypeSample],
        reconnects: Math.max(0, this.connectionsStarted - 1),
        connections: this.connectionsStarted,
      },
      generation: snapshot.context.generation,
      sessionId: snapshot.context.sessionId,
      scenario: snapshot.context.scenario,
      assistantSpeaking: snapshot.context.assistantSpeaking,
      lastAudioStats: this.lastAudioStats,
    };
  }

  /** What the page holds open now (timers, listeners, peers, tracks, audio elements), for leak checks. */
  getResources(): ResourceCounts {
    return liveResources();
  }

  getEvents(): LoggedEvent[] {
    return this.eventLog.entries();
  }

  /** Per-turn latency and its medians over the last turns. */
  getMetrics(): TurnMetricsReport {
    return this.metrics.report();
  }

  /** The kiosk id and what the telemetry queue has sent, holds and dropped; null when telemetry is off. */
  getTelemetry(): TelemetryStats | null {
    return this.telemetry?.stats() ?? null;
  }

  /** Sends the queued telemetry now (tests and technicians; the queue sends by itself otherwise). */
  flushTelemetry(): Promise<void> {
    return this.telemetry?.flush() ?? Promise.resolve();
  }

  setDebug(on: boolean): void {
    setDebugLogging(this.logger, on);
  }

  /** The microphone track of the live connection, for a level meter. */
  get microphoneTrack(): MediaStreamTrack | null {
    return this.connection?.microphoneTrack ?? null;
  }

  async inboundAudioStats(): Promise<{ packetsReceived: number; totalAudioEnergy: number } | null> {
    return this.connection ? this.connection.inboundAudioStats() : null;
  }

  async selectedCandidatePair(): Promise<{ local: string; remote: string } | null> {
    return this.connection ? this.connection.selectedCandidatePair() : null;
  }

  private readonly onNetworkOnline = () => {
    this.eventLog.add('local', 'network_online');
    this.actor.send({ type: 'network.online' });
  };

  private readonly onNetworkOffline = () => {
    this.eventLog.add('local', 'network_offline');
    this.actor.send({ type: 'network.offline' });
  };

  /** Stops the machine (closing any connection) and removes the console handle and listeners. */
  dispose(): void {
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onNetworkOnline);
      window.removeEventListener('offline', this.onNetworkOffline);
      this.releaseNetworkListeners?.();
      this.releaseNetworkListeners = null;
    }
    this.actor.stop();
    // What is still queued leaves with sendBeacon: the page is on its way out.
    this.telemetry?.dispose();
    this.telemetry = null;
    if (typeof window !== 'undefined' && window.__voiceClient === this) delete window.__voiceClient;
  }
}
