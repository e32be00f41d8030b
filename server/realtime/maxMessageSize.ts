/**
 * The largest data-channel message a peer accepts, from its offer's `a=max-message-size`
 * (RFC 8841). werift's `channel.send` throws on anything larger, so every server event
 * is measured against this before it is sent.
 */

/** RFC 8841: without the attribute, a peer accepts 64 KB. */
export const DEFAULT_PEER_MAX_MESSAGE_BYTES = 65_536;

/**
 * The peer's limit in bytes. RFC 8841's 0 ("any size") still means a finite message
 * here, so it maps to `fallbackForUnlimited`.
 */
export function peerMaxMessageBytes(offerSdp: string, fallbackForUnlimited = 1024 * 1024): number {
  const match = /^a=max-message-size:\s*(\d+)\s*$/m.exec(offerSdp);
  if (!match) return DEFAULT_PEER_MAX_MESSAGE_BYTES;
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value)) return DEFAULT_PEER_MAX_MESSAGE_BYTES;
  return value === 0 ? fallbackForUnlimited : value;
}
