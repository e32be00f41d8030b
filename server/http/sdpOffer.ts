/**
 * What is wrong with an SDP offer, in words a client developer can act on. Without this,
 * a bad offer reached werift and its internals came back in the 400 ("Cannot read
 * properties of undefined (reading 'iceParams')").
 */

export function offerProblem(sdp: string): string | null {
  if (!sdp.startsWith('v=0')) return 'The body is not an SDP offer: it must start with "v=0".';
  const lines = sdp.split(/\r?\n/);
  const media = lines.filter((line) => line.startsWith('m='));
  if (media.length === 0) return 'The SDP offer has no media section (m=).';
  if (!media.some((line) => line.startsWith('m=audio '))) return 'The SDP offer has no audio section (m=audio).';
  if (!media.some((line) => line.startsWith('m=application ') && line.includes('DTLS/SCTP'))) {
    return 'The SDP offer has no data channel section (m=application … UDP/DTLS/SCTP webrtc-datachannel).';
  }
  const has = (prefix: string) => lines.some((line) => line.startsWith(prefix) && line.length > prefix.length);
  if (!has('a=ice-ufrag:') || !has('a=ice-pwd:')) return 'The SDP offer has no ICE credentials (a=ice-ufrag and a=ice-pwd).';
  if (!has('a=fingerprint:')) return 'The SDP offer has no DTLS fingerprint (a=fingerprint).';
  return null;
}
