/**
 * The kiosk's telemetry: turn and connection events read from the machine's snapshots,
 * a heartbeat while nothing else happens, all carried by one queue. Owned by the voice
 * client: started with it, disposed with it (which hands the rest to sendBeacon).
 */

import type { VoiceSnapshot } from '../../machines/voiceMachine.selectors.ts';
import { TELEMETRY_PATH, type TelemetryEvent } from '../protocol/telemetry.ts';
import { TelemetryQueue, type TelemetryStats } from './telemetryQueue.ts';
import { VoiceTelemetryRecorder, type TimingsOfEndedTurn } from './voiceTelemetry.ts';

export interface KioskTelemetrySettings {
  kioskId: string;
  url?: string;
  flushMs?: number;
  heartbeatMs?: number;
  retryMs?: number;
}

export class KioskTelemetry {
  private readonly queue: TelemetryQueue;
  private readonly recorder: VoiceTelemetryRecorder;
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(settings: KioskTelemetrySettings, timingsOf: TimingsOfEndedTurn) {
    const sendBeacon = typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function'
      ? (url: string, body: Blob) => navigator.sendBeacon(url, body)
      : undefined;
    this.queue = new TelemetryQueue({
      url: settings.url ?? TELEMETRY_PATH,
      kioskId: settings.kioskId,
      flushMs: settings.flushMs,
      retryMs: settings.retryMs,
      sendBeacon,
    });
    this.recorder = new VoiceTelemetryRecorder(timingsOf);
    this.heartbeat = setInterval(() => {
      this.queueAll(this.recorder.takePending());
      this.queue.add({ kind: 'heartbeat', at: Date.now() });
    }, settings.heartbeatMs ?? 60_000);
  }

  observe(snapshot: VoiceSnapshot): void {
    this.queueAll(this.recorder.observe(snapshot));
  }

  /** The assistant's reply audio started (its first `output_audio_buffer.started`). */
  noteFirstAudio(): void {
    this.queueAll(this.recorder.firstAudio());
  }

  private queueAll(events: TelemetryEvent[]): void {
    for (const event of events) this.queue.add(event);
  }

  stats(): TelemetryStats {
    return this.queue.stats();
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  dispose(): void {
    clearInterval(this.heartbeat);
    this.queueAll(this.recorder.takePending());
    this.queue.dispose();
  }
}
