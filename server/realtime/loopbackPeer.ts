/**
 * A werift peer connection that answers a browser offer and keeps every ICE check on
 * 127.0.0.1: no STUN or TURN server, the socket binds to loopback, only loopback pairs are formed, STUN
 * requests from other addresses go unanswered, and the answer advertises only
 * loopback candidates. Traffic never leaves this machine.
 */

import { RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';
import { MAX_CLIENT_MESSAGE_BYTES } from './clientMessageGuard.ts';

export const LOOPBACK_ADDRESS = '127.0.0.1';

export const OPUS_PAYLOAD_TYPE = 111;

function isLoopback(address: string | undefined): boolean {
  return address === LOOPBACK_ADDRESS;
}

export function createLoopbackPeer(): RTCPeerConnection {
  return new RTCPeerConnection({
    iceServers: [],
    // No enumeration of the machine's own addresses: each call had a second socket and a
    // host candidate for the ethernet address, only to filter it out of the answer.
    iceUseIpv4: false,
    iceUseIpv6: false,
    iceInterfaceAddresses: { udp4: LOOPBACK_ADDRESS },
    iceAdditionalHostAddresses: [LOOPBACK_ADDRESS],
    iceFilterCandidatePair: (pair) => isLoopback(pair.localCandidate.host) && isLoopback(pair.remoteCandidate.host),
    iceFilterStunResponse: (_message, address) => isLoopback(address[0]),
    // Advertised as a=max-message-size: the same limit the client message guard enforces.
    maxMessageSize: MAX_CLIENT_MESSAGE_BYTES,
    codecs: {
      audio: [
        new RTCRtpCodecParameters({
          mimeType: 'audio/opus',
          clockRate: 48_000,
          channels: 2,
          payloadType: OPUS_PAYLOAD_TYPE,
        }),
      ],
    },
  });
}

/**
 * Takes away the STUN server werift's ICE falls back to (Google's public one) even with
 * `iceServers: []`. Call before setLocalDescription, which gathers. Without it, every
 * answer looked up stun.l.google.com and waited for a reply a loopback socket can never
 * get: with more than four answers at once (the DNS thread pool), answers took 5 s.
 */
export function withoutStunServer(peer: RTCPeerConnection): void {
  for (const transport of peer.iceTransports) transport.connection.stunServer = undefined;
}

/**
 * Which end of DTLS the answer takes (RFC 5763 `a=setup`). `passive`: the browser sends
 * the ClientHello as soon as ICE connects. `active`: werift is the DTLS client, and
 * waits a fixed 100 ms after ICE before its ClientHello, on every connect.
 */
export type DtlsSetup = 'active' | 'passive';

/** Call after setRemoteDescription (which makes the transports) and before createAnswer. */
export function answerDtlsAs(peer: RTCPeerConnection, setup: DtlsSetup): void {
  for (const transport of peer.dtlsTransports) transport.role = setup === 'passive' ? 'server' : 'client';
}

/** Removes every candidate line that is not loopback from an SDP answer. */
export function keepLoopbackCandidates(sdp: string): string {
  return sdp
    .split(/\r\n/)
    .filter((line) => {
      if (!line.startsWith('a=candidate:')) return true;
      const address = line.split(' ')[4];
      return isLoopback(address);
    })
    .join('\r\n');
}

/** The audio transceiver the browser offered, set to send the agent's voice back. */
export function audioTransceiverOf(peer: RTCPeerConnection): RTCRtpTransceiver | undefined {
  return peer.getTransceivers().find((transceiver) => transceiver.kind === 'audio');
}
