/**
 * One WebRTC call: a loopback werift peer, the browser's `oai-events` channel and its
 * microphone RTP, joined to a RealtimeSession. Built from an SDP offer; closed by the
 * peer, the channel, or the registry.
 */

import { MediaStreamTrack, type RTCDataChannel, type RTCPeerConnection } from 'werift';
import type { SpeechSynthesizer } from '../speech/speechSynthesizer.ts';
import type { ServerLogger } from '../log.ts';
import { audioTransceiverOf, createLoopbackPeer, keepLoopbackCandidates } from './loopbackPeer.ts';
import { RealtimeSession, type Speaker, type SpeechRecognizer } from './realtimeSession.ts';
import type { Scenario } from './scenarios.ts';
import { VoiceOutput } from './voiceOutput.ts';
import type { TurnAgent } from './turnAgent.ts';

/** A scenario's drop waits this long, so the events before it still arrive. */
const DROP_AFTER_MS = 250;

export interface RealtimeCallOptions {
  offerSdp: string;
  scenario: Scenario | null;
  recognizer: SpeechRecognizer;
  synthesizer: SpeechSynthesizer | null;
  agent: TurnAgent;
  log: ServerLogger;
  onClosed: (call: RealtimeCall) => void;
}

export class RealtimeCall {
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
  /** Every RTP packet from the browser since the call began. */
  packetsReceived = 0;

  private constructor(options: RealtimeCallOptions) {
    this.options = options;
    this.peer = createLoopbackPeer();
    this.session = new RealtimeSession({
      output: {
        send: (message) => this.sendMessage(message),
        // After the last message has had time to leave, as a network failing mid-stream would.
        drop: (what) => {
          const timer = setTimeout(() => (what === 'channel' ? this.channel?.close() : this.close('scenario dropped the peer')), DROP_AFTER_MS);
          this.timers.add(timer);
        },
      },
      speaker: options.synthesizer ? this.createSpeaker(options.synthesizer) : null,
      recognizer: options.recognizer,
      agent: options.agent,
      scenario: options.scenario,
      log: options.log,
    });
    this.log = options.log.child({ call: this.session.id });
  }

  get id(): string {
    return this.session.id;
  }

  /** Answers the offer; the returned SDP advertises loopback candidates only. */
  static async answer(options: RealtimeCallOptions): Promise<{ call: RealtimeCall; answerSdp: string }> {
    const call = new RealtimeCall(options);
    try {
      const answerSdp = await call.negotiate(options.offerSdp);
      return { call, answerSdp };
    } catch (error) {
      call.close('negotiation failed');
      throw error;
    }
  }

  private async negotiate(offerSdp: string): Promise<string> {
    const peer = this.peer;
    peer.onDataChannel.subscribe((channel) => {
      if (channel.label !== 'oai-events') return;
      this.channel = channel;
      // Handled one tick later, in arrival order. A reply sent from inside werift's SCTP
      // receive path was dropped by Chromium and only arrived on the 1 s retransmission
      // timer: every connect's session.updated came ~1 s late (10 of 10 measured, and
      // seen in a loopback capture as one identical packet sent twice, 1 s apart).
      channel.onMessage.subscribe((data) => setImmediate(() => this.session.handleClientMessage(data)));
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
    await peer.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    const transceiver = audioTransceiverOf(peer);
    if (transceiver) {
      transceiver.setDirection('sendrecv');
      await transceiver.sender.replaceTrack(this.voiceTrack);
    }
    const answer = await peer.createAnswer();
    await peer.setLocalDescription(answer);
    const sdp = peer.localDescription?.sdp;
    if (!sdp) throw new Error('no local description after setLocalDescription');
    return keepLoopbackCandidates(sdp);
  }

  private greet(): void {
    if (this.greeted) return;
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
    let utterance = 0;
    return {
      speak: async (text, onStart) => {
        utterance += 1;
        const mine = utterance;
        const pcm = await synthesizer.synthesize(text);
        // Stopped or superseded while synthesising: say nothing.
        if (mine !== utterance || this.closed) return false;
        const playback = this.voice.play(pcm);
        onStart();
        return playback.finished;
      },
      stop: () => {
        utterance += 1;
        this.voice.stop();
      },
    };
  }

  /** Sends one server message; dropped once the channel is gone. */
  private sendMessage(message: string): void {
    const channel = this.channel;
    if (!channel || channel.readyState !== 'open') return;
    channel.send(message);
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.log.info({ reason, packetsReceived: this.packetsReceived, turns: this.session.turns }, 'call closed');
    for (const timer of this.timers) clearTimeout(timer);
    this.session.close();
    this.voice.stop();
    // werift's close() tears down DTLS before SCTP, so its SCTP ABORT never leaves and the
    // browser only notices when ICE consent fails, tens of seconds later. Stopping SCTP
    // first sends the ABORT while DTLS still carries it: the browser's channel closes now.
    const sctp = this.peer.sctpTransport;
    void (sctp ? sctp.stop() : Promise.resolve())
      .catch(() => undefined)
      .then(() => this.peer.close())
      .catch(() => undefined);
    this.options.onClosed(this);
  }
}
