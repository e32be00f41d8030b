/**
 * One WebRTC connection to a realtime voice agent: the peer connection, the microphone
 * track and the `oai-events` data channel. It owns all three and `close()` releases
 * them, idempotently.
 *
 * Incident this shape prevents: a refactor once attached the message handler ~50 ms
 * after the channel opened and `session.created` was lost on 60% of connects. Here
 * `onmessage` is set in the same task that creates the channel, before it can open,
 * and every raw message is handed on synchronously.
 */

import type { ClientLogger } from './logger.ts';
import type { DisconnectReason } from '../../machines/voiceMachine.types.ts';
import { ClientEventType } from '../protocol/realtimeEvents.ts';
import { holdResource } from './liveResources.ts';

/** Each Opus packet of the assistant's voice carries 20 ms. */
const OPUS_FRAME_MS = 20;

export const DATA_CHANNEL_LABEL = 'oai-events';
/**
 * How long a peer may stay 'disconnected' before the connection counts as lost. Chromium
 * only reports 'failed' after ICE consent has failed for about 30 s; a kiosk should not
 * sit that long on a dead link, and a real blip recovers well within this.
 */
export const DISCONNECTED_GRACE_MS = 4_000;

export class ConnectionError extends Error {
  readonly reason: DisconnectReason;
  constructor(reason: DisconnectReason, message: string) {
    super(message);
    this.name = 'ConnectionError';
    this.reason = reason;
  }
}

export interface WebRTCConnectionOptions {
  generation: number;
  callsUrl: string;
  token: string;
  logger: ClientLogger;
  /** Every raw message, synchronously, tagged with this connection's generation. */
  onRawMessage: (raw: unknown, generation: number) => void;
  onOpen: (generation: number) => void;
  /** The connection ended after it had opened (channel closed, peer failed). */
  onLost: (generation: number, message: string) => void;
  onOutgoing?: (event: Record<string, unknown>) => void;
  /** The microphone was granted; its track starts producing audio now. */
  onMicrophoneAcquired?: () => void;
  /** Where the assistant's voice plays; created and removed by the connection if absent. */
  audioElement?: HTMLAudioElement;
}

export class WebRTCConnection {
  readonly generation: number;
  private readonly options: WebRTCConnectionOptions;
  private readonly log: ClientLogger;
  private peer: RTCPeerConnection | null = null;
  private channel: RTCDataChannel | null = null;
  private microphone: MediaStream | null = null;
  private audioElement: HTMLAudioElement | null = null;
  /** The reply audio playing now: when it started, and the packet count then. */
  private replyAudio: { startedAt: number; packetsAtStart: number | null } | null = null;
  private ownsAudioElement = false;
  private abort = new AbortController();
  private closed = false;
  private opened = false;
  private disconnectedTimer: { timer: ReturnType<typeof setTimeout>; release: () => void } | null = null;
  /** Releases of what this connection counts as live (peer, handlers, tracks, audio element). */
  private readonly releases: (() => void)[] = [];
  /** One per microphone track acquired, released when the track is stopped. */
  private readonly trackReleases: (() => void)[] = [];

  constructor(options: WebRTCConnectionOptions) {
    this.options = options;
    this.generation = options.generation;
    this.log = options.logger.child({ generation: options.generation });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get hasDataChannel(): boolean {
    return this.channel !== null;
  }

  get dataChannelReady(): boolean {
    return this.channel?.readyState === 'open';
  }

  get microphoneTrack(): MediaStreamTrack | null {
    return this.microphone?.getAudioTracks()[0] ?? null;
  }

  get peerConnection(): RTCPeerConnection | null {
    return this.peer;
  }

  /** Acquires the microphone, negotiates, and resolves once the answer is applied. */
  async connect(): Promise<void> {
    this.microphone = await this.acquireMicrophone();
    if (this.closed) return this.releaseMicrophone();
    this.options.onMicrophoneAcquired?.();

    const peer = new RTCPeerConnection();
    this.peer = peer;
    this.hold('peerConnections');
    // The peer's two handlers and the channel's four, set below and cleared in close().
    for (let handler = 0; handler < 6; handler += 1) this.hold('listeners');
    peer.onconnectionstatechange = () => {
      const state = peer.connectionState;
      this.log.debug({ state }, 'peer connection state');
      this.clearDisconnectedTimer();
      if (state === 'failed') this.lose('peer connection failed');
      if (state === 'disconnected') {
        const release = holdResource('timers');
        const timer = setTimeout(() => {
          release();
          this.lose('peer connection stayed disconnected');
        }, DISCONNECTED_GRACE_MS);
        this.disconnectedTimer = { timer, release };
      }
    };
    peer.ontrack = (event) => this.playRemoteAudio(event.streams[0] ?? new MediaStream([event.track]));

    for (const track of this.microphone.getAudioTracks()) {
      // Push-to-talk: the track stays acquired for the whole connection and is only
      // enabled while the button is held, so a press never waits on getUserMedia.
      track.enabled = false;
      peer.addTrack(track, this.microphone);
    }

    const channel = peer.createDataChannel(DATA_CHANNEL_LABEL);
    this.channel = channel;
    // Set before the channel can open: nothing the server sends first is lost.
    channel.onmessage = (event: MessageEvent) => this.options.onRawMessage(event.data, this.generation);
    channel.onopen = () => {
      if (this.closed) return;
      this.opened = true;
      this.log.info('data channel open');
      this.options.onOpen(this.generation);
    };
    channel.onclose = () => this.lose('data channel closed');
    channel.onerror = (event) => {
      const error = (event as RTCErrorEvent).error;
      this.log.error({ error: error?.message ?? 'unknown' }, 'data channel error');
    };

    const offer = await peer.createOffer();
    await peer.setLocalDescription(offer);
    if (this.closed) return;
    const answer = await this.postOffer(offer.sdp ?? '');
    if (this.closed) return;
    await peer.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  /** Sends one client event; false when the channel is not open (nothing is queued). */
  send(event: Record<string, unknown>): boolean {
    if (this.closed || this.channel?.readyState !== 'open') {
      this.log.warn({ type: event.type }, 'event not sent: data channel is not open');
      return false;
    }
    try {
      this.channel.send(JSON.stringify(event));
    } catch (error) {
      // A channel that refuses a send (closing underneath us, over its size limit) is a
      // link the turn cannot rely on: report it lost so the machine reconnects.
      const message = error instanceof Error ? error.message : String(error);
      this.log.error({ type: event.type, message }, 'data channel refused to send');
      this.lose(`data channel refused to send: ${message}`);
      return false;
    }
    this.options.onOutgoing?.(event);
    return true;
  }

  setMicrophoneEnabled(enabled: boolean): void {
    for (const track of this.microphone?.getAudioTracks() ?? []) track.enabled = enabled;
  }

  /** The selected ICE candidate pair's addresses, for checking traffic stays where intended. */
  async selectedCandidatePair(): Promise<{ local: string; remote: string } | null> {
    if (!this.peer) return null;
    const stats = await this.peer.getStats();
    let pairId: string | undefined;
    stats.forEach((report) => {
      if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
    });
    if (!pairId) {
      stats.forEach((report) => {
        if (report.type === 'candidate-pair' && report.state === 'succeeded' && report.nominated) pairId = report.id;
      });
    }
    const pair = pairId ? stats.get(pairId) : undefined;
    if (!pair) return null;
    const local = stats.get(pair.localCandidateId);
    const remote = stats.get(pair.remoteCandidateId);
    return { local: local?.address ?? local?.ip ?? '', remote: remote?.address ?? remote?.ip ?? '' };
  }

  /**
   * The assistant's reply audio started (`output_audio_buffer.started`): what arrives from
   * now on is that reply's. Opus packets are 20 ms each, so packets are audio received.
   */
  markReplyAudioStart(): void {
    const startedAt = Date.now();
    this.replyAudio = { startedAt, packetsAtStart: null };
    const mark = this.replyAudio;
    void this.inboundAudioStats().then((stats) => {
      mark.packetsAtStart = stats?.packetsReceived ?? null;
    });
  }

  /**
   * Barge-in: truncates the reply being played to what the customer heard: the time it
   * has played, never more than the audio received (which a late or lost packet makes
   * less). Unknown counts truncate to nothing heard, which never claims too much.
   */
  async truncateReply(itemId: string): Promise<void> {
    const reply = this.replyAudio;
    this.replyAudio = null;
    const stats = await this.inboundAudioStats();
    const playedMs = reply ? Date.now() - reply.startedAt : 0;
    const packetsAtStart = reply?.packetsAtStart ?? null;
    const receivedMs = packetsAtStart !== null && stats ? (stats.packetsReceived - packetsAtStart) * OPUS_FRAME_MS : 0;
    const audioEndMs = Math.max(0, Math.floor(Math.min(playedMs, receivedMs)));
    this.send({ type: ClientEventType.conversationItemTruncate, item_id: itemId, content_index: 0, audio_end_ms: audioEndMs });
  }

  /** What the browser received and played of the assistant's voice. */
  async inboundAudioStats(): Promise<{ packetsReceived: number; totalAudioEnergy: number } | null> {
    if (!this.peer) return null;
    const stats = await this.peer.getStats();
    let result: { packetsReceived: number; totalAudioEnergy: number } | null = null;
    stats.forEach((report) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        result = { packetsReceived: report.packetsReceived ?? 0, totalAudioEnergy: report.totalAudioEnergy ?? 0 };
      }
    });
    return result;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.clearDisconnectedTimer();
    if (this.channel) {
      this.channel.onmessage = null;
      this.channel.onopen = null;
      this.channel.onclose = null;
      this.channel.onerror = null;
      this.channel.close();
      this.channel = null;
    }
    if (this.peer) {
      this.peer.onconnectionstatechange = null;
      this.peer.ontrack = null;
      this.peer.close();
      this.peer = null;
    }
    this.releaseMicrophone();
    if (this.audioElement) {
      this.audioElement.pause();
      this.audioElement.srcObject = null;
      if (this.ownsAudioElement) this.audioElement.remove();
      this.audioElement = null;
    }
    for (const release of this.releases.splice(0)) release();
    this.log.info('connection closed');
  }

  private clearDisconnectedTimer(): void {
    if (this.disconnectedTimer) {
      clearTimeout(this.disconnectedTimer.timer);
      this.disconnectedTimer.release();
    }
    this.disconnectedTimer = null;
  }

  private hold(kind: Parameters<typeof holdResource>[0]): void {
    this.releases.push(holdResource(kind));
  }

  private lose(message: string): void {
    if (this.closed) return;
    this.log.warn({ message, opened: this.opened }, 'connection lost');
    this.options.onLost(this.generation, message);
  }

  private releaseMicrophone(): void {
    for (const track of this.microphone?.getTracks() ?? []) track.stop();
    this.microphone = null;
    for (const release of this.trackReleases.splice(0)) release();
  }


  private async acquireMicrophone(): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new ConnectionError('microphone_missing', 'this browser offers no microphone access');
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
      stream.getTracks().forEach(() => this.trackReleases.push(holdResource('tracks')));
      return stream;
    } catch (error) {
      const name = (error as DOMException).name;
      this.log.error({ name }, 'microphone unavailable');
      if (name === 'NotAllowedError' || name === 'SecurityError') {
        throw new ConnectionError('microphone_denied', 'microphone permission was refused');
      }
      throw new ConnectionError('microphone_missing', `no usable microphone (${name})`);
    }
  }

  private async postOffer(sdp: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(this.options.callsUrl, {
        method: 'POST',
        body: sdp,
        headers: { Authorization: `Bearer ${this.options.token}`, 'Content-Type': 'application/sdp' },
        signal: this.abort.signal,
      });
    } catch (error) {
      throw new ConnectionError('connect_failed', `realtime service unreachable: ${String(error)}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new ConnectionError('token_refused', `the realtime service refused the token (${response.status})`);
    }
    if (!response.ok) {
      throw new ConnectionError('connect_failed', `SDP exchange failed with HTTP ${response.status}`);
    }
    return response.text();
  }

  private playRemoteAudio(stream: MediaStream): void {
    if (this.closed) return;
    if (!this.audioElement) {
      this.audioElement = this.options.audioElement ?? document.createElement('audio');
      this.ownsAudioElement = !this.options.audioElement;
      this.hold('audioElements');
      this.audioElement.autoplay = true;
      if (this.ownsAudioElement) {
        this.audioElement.dataset.testid = 'assistant-audio';
        document.body.appendChild(this.audioElement);
      }
    }
    this.audioElement.srcObject = stream;
    this.audioElement.play().catch((error: unknown) => {
      this.log.warn({ error: String(error) }, 'assistant audio could not start playing');
    });
  }
}
