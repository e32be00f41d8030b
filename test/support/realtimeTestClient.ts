/**
 * A WebRTC client for the local realtime server, in Node with werift, doing what the
 * browser's WebRTCConnection does: an audio transceiver, the `oai-events` channel, an
 * SDP offer posted with the bearer token from /api/session. ICE is held to 127.0.0.1
 * as the server's is; nothing is ever sent anywhere else.
 *
 * Hooks let a test misbehave on purpose: rewrite the offer before it is posted, never
 * apply the answer, or lift the client's own send-size check to send oversized events.
 */

import { Encoder } from '@evan/opus';
import { MediaStreamTrack, RtpHeader, RtpPacket, type RTCDataChannel, type RTCPeerConnection } from 'werift';
import { createLoopbackPeer, OPUS_PAYLOAD_TYPE, withoutStunServer } from '../../server/realtime/loopbackPeer.ts';

/** How long connect waits for `session.created` once the answer is applied. */
const CONNECT_TIMEOUT_MS = 20_000;

export interface SessionToken {
  value: string;
  calls_url: string;
}

export async function mintToken(baseUrl: string, scenario?: string): Promise<SessionToken> {
  const url = new URL('/api/session', baseUrl);
  if (scenario) url.searchParams.set('scenario', scenario);
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok) throw new Error(`/api/session answered ${response.status}`);
  return (await response.json()) as SessionToken;
}

export interface OfferOptions {
  /** Rewrites the offer before it is posted (hostile candidates, a smaller max-message-size). */
  transformOffer?: (sdp: string) => string;
}

export interface PostedOffer {
  peer: RTCPeerConnection;
  channel: RTCDataChannel;
  microphone: MediaStreamTrack;
  status: number;
  answerSdp: string;
}

/** Creates the peer and posts its offer; the answer is returned, not applied. */
export async function postOffer(baseUrl: string, options: OfferOptions = {}): Promise<PostedOffer> {
  const token = await mintToken(baseUrl);
  // The server's own loopback rules suit a client too: 127.0.0.1 only, Opus on 111.
  const peer = createLoopbackPeer();
  const microphone = new MediaStreamTrack({ kind: 'audio' });
  peer.addTransceiver(microphone, { direction: 'sendrecv' });
  const channel = peer.createDataChannel('oai-events');
  const offer = await peer.createOffer();
  withoutStunServer(peer);
  await peer.setLocalDescription(offer);
  const offerSdp = peer.localDescription?.sdp ?? '';
  const response = await fetch(new URL(token.calls_url, baseUrl), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token.value}`, 'Content-Type': 'application/sdp' },
    body: options.transformOffer ? options.transformOffer(offerSdp) : offerSdp,
  });
  return { peer, channel, microphone, status: response.status, answerSdp: await response.text() };
}

export async function closePeer(peer: RTCPeerConnection): Promise<void> {
  await peer.sctpTransport?.stop().catch(() => undefined);
  await peer.close().catch(() => undefined);
}

export interface ServerEvent {
  type: string;
  event_id?: string;
  error?: { type: string; code: string; message: string; param: string | null; event_id: string | null };
  [field: string]: unknown;
}

export class RealtimeTestClient {
  readonly events: ServerEvent[] = [];
  /** Messages that were not JSON (none are expected outside the malformed_events scenario). */
  readonly unparsed: string[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly encoder = new Encoder({ channels: 1, sample_rate: 48_000, application: 'voip' });
  private sequenceNumber = 1;
  private timestamp = 0;

  private constructor(
    readonly peer: RTCPeerConnection,
    readonly channel: RTCDataChannel,
    private readonly microphone: MediaStreamTrack,
  ) {
    channel.onMessage.subscribe((data) => {
      const text = data.toString();
      try {
        this.events.push(JSON.parse(text) as ServerEvent);
      } catch {
        this.unparsed.push(text);
      }
      for (const wake of this.waiters) wake();
    });
  }

  /** Connects and waits for `session.created`. */
  static async connect(baseUrl: string, options: OfferOptions = {}): Promise<RealtimeTestClient> {
    const posted = await postOffer(baseUrl, options);
    if (posted.status !== 201) throw new Error(`offer answered ${posted.status}: ${posted.answerSdp}`);
    const client = new RealtimeTestClient(posted.peer, posted.channel, posted.microphone);
    await posted.peer.setRemoteDescription({ type: 'answer', sdp: posted.answerSdp });
    // Generous: a loaded machine can take seconds over ICE, DTLS and SCTP. A failure says
    // which of them stalled, so a slow machine and a server that never answers look apart.
    const started = Date.now();
    try {
      await client.waitFor((event) => event.type === 'session.created', CONNECT_TIMEOUT_MS);
    } catch {
      const { peer, channel } = posted;
      throw new Error(
        `no session.created ${Date.now() - started} ms after the answer: connection ${peer.connectionState}, ICE ${peer.iceConnectionState}, channel ${channel.readyState}`,
      );
    }
    return client;
  }

  /** Lifts werift's own check against the server's advertised size, to send what a hostile client would. */
  ignoreServerMessageLimit(): void {
    const sctp = this.peer.sctpTransport as unknown as { remoteMaxMessageSize: number } | undefined;
    if (sctp) sctp.remoteMaxMessageSize = 0;
  }

  send(message: string | Buffer | Record<string, unknown>): void {
    this.channel.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  /** Resolves with the first event (already received or still to come) that matches. */
  waitFor(match: (event: ServerEvent) => boolean, timeoutMs = 10_000, from = 0): Promise<ServerEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(from).find(match);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${this.events.map((event) => event.type).join(', ')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = () => void check();
      if (check()) return;
      this.waiters.add(wake);
    });
  }

  /** Sends `durationMs` of loud noise as Opus RTP, faster than real time. */
  async sendNoise(durationMs: number): Promise<void> {
    const frame = new Int16Array(960);
    for (let index = 0; index < durationMs / 20; index += 1) {
      for (let sample = 0; sample < frame.length; sample += 1) frame[sample] = Math.round((Math.random() * 2 - 1) * 8_000);
      const header = new RtpHeader({
        payloadType: OPUS_PAYLOAD_TYPE,
        sequenceNumber: this.sequenceNumber,
        timestamp: this.timestamp,
        ssrc: 4242,
        marker: index === 0,
      });
      this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
      this.timestamp = (this.timestamp + 960) >>> 0;
      this.microphone.writeRtp(new RtpPacket(header, Buffer.from(this.encoder.encode(frame))));
      // A breath every few frames, so werift's send path keeps up.
      if (index % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Closes as the browser does: SCTP's ABORT first, while DTLS still carries it, so the server hears of it at once. */
  async close(): Promise<void> {
    this.channel.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closePeer(this.peer);
  }
}
