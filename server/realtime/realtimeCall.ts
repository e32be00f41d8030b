/**
 * One WebRTC call: a loopback werift peer, the browser's `oai-events` channel and its
 * microphone RTP, joined to a RealtimeSession. Built from an SDP offer by the call
 * registry, which owns it from before negotiation; closed by the peer, the channel, a
 * deadline, the session's end, or the registry. Every close path goes through close(),
 * which releases everything the call holds.
 */

import { MediaStreamTrack, type RTCDataChannel, type RTCPeerConnection } from 'werift';
import { SPEECH_SAMPLE_RATE, type SpeechSynthesizer } from '../speech/speechSynthesizer.ts';
import { WorkLimiter } from '../speech/workLimiter.ts';
import type { ServerLogger } from '../log.ts';
import { dataChannelMessages } from '../metrics/serverMetrics.ts';
import { answerDtlsAs, audioTransceiverOf, createLoopbackPeer, keepLoopbackCandidates, withoutStunServer, type DtlsSetup } from './loopbackPeer.ts';
import { peerMaxMessageBytes } from './maxMessageSize.ts';
import { newId } from './eventIds.ts';
import { RealtimeSession } from './realtimeSession.ts';
import type { SessionSettings } from './sessionConfig.ts';
import type { Scenario } from './scenarios.ts';
import type { Speaker, SpeechRecognizer } from './speechPorts.ts';
import { VoiceOutput } from './voiceOutput.ts';
import type { TurnAgent } from './turnAgent.ts';

/** A scenario's drop waits this long, so the events before it still arrive. */
const DROP_AFTER_MS = 250;

export interface CallLimits {
  /** ICE, DTLS and the data channel must be up within this long of the offer, or the call is closed. */
  connectTimeoutMs: number;
  /** The session ends with `session_expired` this long after the channel opens. */
  maxSessionMs: number;
  /** The DTLS end the answer takes (REALTIME_DTLS_SETUP). */
  dtlsSetup: DtlsSetup;
}

export interface RealtimeCallOptions {
  offerSdp: string;
  scenario: Scenario | null;
  recognizer: SpeechRecognizer;
  synthesizer: SpeechSynthesizer | null;
  agent: TurnAgent;
  log: ServerLogger;
  limits: CallLimits;
  /** The session the offer asked for (a multipart offer's `session` part, checked), or the default. */
  settings: SessionSettings;
  onClosed: (call: RealtimeCall, reason: string) => void;
}

export class RealtimeCall {
  /** The call's id in the service's shape (`rtc_…`), as the answer's `Location` names it. */
  readonly id = newId('rtc');
  readonly session: RealtimeSession;
  readonly peer: RTCPeerConnection;
  private channel: RTCDataChannel | null = null;
  private closed = false;
  private greeted = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly options: RealtimeCallOptions;
  private readonly log: ServerLogger;
  private readonly voiceTrack = new MediaStreamTrack({ kind: 'audio' });
  private readonly voice = new VoiceOutput(this.voiceTrack);
  /** The utterance being synthesised; aborting it kills its processes. */
  private utterance: AbortController | null = null;
  /** One synthesis per call at a time, and one waiting; a newer reply replaces the waiting one. */
  private readonly synthesisSlots = new WorkLimiter('speech synthesis for one call', 1, 1);
  /** Every RTP packet from the browser since the call began. */
  packetsReceived = 0;

  private constructor(options: RealtimeCallOptions) {
    this.options = options;
    this.peer = createLoopbackPeer();
    const maxMessageBytes = peerMaxMessageBytes(options.offerSdp);
    this.session = new RealtimeSession({
      output: {
        send: (message) => this.sendMessage(message),
        // After the last message has had time to leave, as a network failing mid-stream would.
        drop: (what) => this.after(DROP_AFTER_MS, () => (what === 'channel' ? this.channel?.close() : this.close('session dropped the peer'))),
        maxMessageBytes,
      },
      speaker: options.synthesizer ? this.createSpeaker(options.synthesizer) : null,
      recognizer: options.recognizer,
      agent: options.agent,
      scenario: options.scenario,
      log: options.log.child({ call: this.id }),
      maxDurationMs: options.limits.maxSessionMs,
      settings: options.settings,
    });
    this.log = options.log.child({ call: this.id });
    // Armed before the first byte of negotiation: a peer that never connects is closed, not kept.
    this.after(options.limits.connectTimeoutMs, () => {
      if (!this.greeted) this.close('not connected before the connect deadline');
    });
  }

  /** A call for the offer, not yet negotiated; the registry holds it before negotiate() runs. */
  static create(options: RealtimeCallOptions): RealtimeCall {
    return new RealtimeCall(options);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private after(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  /** Answers the offer; the returned SDP advertises loopback candidates only. */
  async negotiate(): Promise<string> {
    const peer = this.peer;
    peer.onDataChannel.subscribe((channel) => {
      if (channel.label !== 'oai-events' || this.closed) return;
      this.channel = channel;
      // Handled one tick later, in arrival order. A reply sent from inside werift's SCTP
      // receive path was dropped by Chromium and only arrived on the 1 s retransmission
      // timer: every connect's session.updated came ~1 s late (10 of 10 measured, and
      // seen in a loopback capture as one identical packet sent twice, 1 s apart).
      channel.onMessage.subscribe((data) => {
        dataChannelMessages.inc({ direction: 'in' });
        setImmediate(() => this.session.handleClientMessage(data));
      });
      // werift announces a remote channel before marking it open, and anything sent
      // before then is dropped: greet on 'open', as the real service does.
      channel.stateChanged.subscribe((state) => {
        if (state === 'open') this.greet();
        if (state === 'closed') this.close('data channel closed');
      });
      if (channel.readyState === 'open') this.greet();
    });
    peer.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') this.close(`peer ${state}`);
    });
    peer.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        this.packetsReceived += 1;
        this.session.appendAudio(rtp.payload);
      });
    });
    await peer.setRemoteDescription({ type: 'offer', sdp: this.options.offerSdp });
    answerDtlsAs(peer, this.options.limits.dtlsSetup);
    const transceiver = audioTransceiverOf(peer);
    if (transceiver) {
      transceiver.setDirection('sendrecv');
      await transceiver.sender.replaceTrack(this.voiceTrack);
    }
    const answer = await peer.createAnswer();
    withoutStunServer(peer);
    await peer.setLocalDescription(answer);
    const sdp = peer.localDescription?.sdp;
    if (!sdp) throw new Error('no local description after setLocalDescription');
    return keepLoopbackCandidates(sdp);
  }

  private greet(): void {
    if (this.greeted || this.closed) return;
    this.greeted = true;
    this.log.info('data channel open');
    // Synchronously: session.created must be the first event, before anything the
    // browser's first message could prompt.
    this.session.start();
  }

  /** Frames of the agent's voice sent so far. */
  get voiceFramesSent(): number {
    return this.voice.framesSent;
  }

  private createSpeaker(synthesizer: SpeechSynthesizer): Speaker {
    return {
      speak: async (text, onStart) => {
        this.utterance?.abort();
        const utterance = new AbortController();
        this.utterance = utterance;
        const signal = utterance.signal;
        let pcm: Int16Array;
        try {
          pcm = await this.synthesisSlots.run(() => synthesizer.synthesize(text, signal), signal);
        } catch (error) {
          // Stopped or superseded while synthesising: say nothing.
          if (signal.aborted || this.closed) return false;
          throw error;
        }
        if (signal.aborted || this.closed) return false;
        const playback = this.voice.play(pcm);
        onStart(Math.round((pcm.length / SPEECH_SAMPLE_RATE) * 1000));
        return playback.finished;
      },
      stop: () => {
        this.utterance?.abort();
        this.utterance = null;
        this.voice.stop();
      },
    };
  }

  /** Sends one server message; dropped once the channel is gone, and never a throw into the session. */
  private sendMessage(message: string): void {
    const channel = this.channel;
    if (!channel || channel.readyState !== 'open') return;
    try {
      channel.send(message);
      dataChannelMessages.inc({ direction: 'out' });
    } catch (error) {
      this.log.warn({ error: String(error), bytes: Buffer.byteLength(message) }, 'server event not sent');
    }
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.log.info({ reason, packetsReceived: this.packetsReceived, turns: this.session.turns.length }, 'call closed');
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.session.close();
    this.utterance?.abort();
    this.utterance = null;
    this.voice.dispose();
    this.voiceTrack.stop();
    this.channel = null;
    // werift's close() tears down DTLS before SCTP, so its SCTP ABORT never leaves and the
    // browser only notices when ICE consent fails, tens of seconds later. Stopping SCTP
    // first sends the ABORT while DTLS still carries it: the browser's channel closes now.
    const sctp = this.peer.sctpTransport;
    void (sctp ? sctp.stop() : Promise.resolve())
      .catch(() => undefined)
      .then(() => this.peer.close())
      .catch((error: unknown) => this.log.warn({ error: String(error) }, 'peer close failed'));
    this.options.onClosed(this, reason);
  }
}
