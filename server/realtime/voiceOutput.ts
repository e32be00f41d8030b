/**
 * Plays PCM to the browser as Opus RTP on the call's audio track, one 20 ms frame at a
 * time in real time, as a remote speaker would. One utterance plays at a time; `stop()`
 * cuts it off (barge-in), and every timer is cleared with it.
 */

import { randomInt } from 'node:crypto';
import { Encoder } from '@evan/opus';
import { RtpHeader, RtpPacket, type MediaStreamTrack } from 'werift';
import { OPUS_PAYLOAD_TYPE } from './loopbackPeer.ts';
import { SPEECH_SAMPLE_RATE } from '../speech/speechSynthesizer.ts';

const FRAME_SAMPLES = SPEECH_SAMPLE_RATE / 50;
/** The RTP clock for Opus is 48 kHz whatever the audio's rate. */
const RTP_TICKS_PER_FRAME = 960;
const FRAME_MS = 20;

export interface Playback {
  /** Resolves true when every frame was sent, false when stopped first. */
  finished: Promise<boolean>;
}

export class VoiceOutput {
  /** Made on first use and dropped on dispose: calls that never speak never hold one. */
  private encoder: Encoder | null = null;
  private disposed = false;
  private readonly ssrc = randomInt(1, 2 ** 31);
  private sequenceNumber = randomInt(0, 2 ** 15);
  private timestamp = randomInt(0, 2 ** 30);
  private timer: NodeJS.Timeout | null = null;
  private finish: ((completed: boolean) => void) | null = null;
  /** Frames sent in all, for tests and the log. */
  framesSent = 0;

  constructor(private readonly track: MediaStreamTrack) {}

  play(pcm: Int16Array): Playback {
    this.stop();
    if (this.disposed) return { finished: Promise.resolve(false) };
    const encoder = (this.encoder ??= new Encoder({ channels: 1, sample_rate: SPEECH_SAMPLE_RATE, application: 'voip' }));
    const frameCount = Math.ceil(pcm.length / FRAME_SAMPLES);
    let index = 0;
    const startedAt = Date.now();
    const finished = new Promise<boolean>((resolve) => {
      this.finish = resolve;
    });
    const sendDue = () => {
      // Catch up on any frames a late timer owes, so playback keeps real time.
      const due = Math.min(frameCount, Math.floor((Date.now() - startedAt) / FRAME_MS) + 1);
      while (index < due) {
        const frame = new Int16Array(FRAME_SAMPLES);
        frame.set(pcm.subarray(index * FRAME_SAMPLES, (index + 1) * FRAME_SAMPLES));
        this.sendFrame(encoder.encode(frame), index === 0);
        index += 1;
      }
      if (index >= frameCount) this.end(true);
    };
    sendDue();
    if (this.finish) this.timer = setInterval(sendDue, FRAME_MS);
    return { finished };
  }

  stop(): void {
    this.end(false);
  }

  /** The call is over: stop, and let the encoder go. */
  dispose(): void {
    this.disposed = true;
    this.end(false);
    this.encoder = null;
  }

  private end(completed: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const finish = this.finish;
    this.finish = null;
    finish?.(completed);
  }

  private sendFrame(payload: Uint8Array, marker: boolean): void {
    const header = new RtpHeader({
      payloadType: OPUS_PAYLOAD_TYPE,
      sequenceNumber: this.sequenceNumber,
      timestamp: this.timestamp,
      ssrc: this.ssrc,
      marker,
    });
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + RTP_TICKS_PER_FRAME) >>> 0;
    this.track.writeRtp(new RtpPacket(header, Buffer.from(payload)));
    this.framesSent += 1;
  }
}
