/**
 * Turns one server event into the text that goes on the data channel, within the
 * peer's message limit. werift's `channel.send` throws on a message over the peer's
 * `a=max-message-size` (two 40 KB `session.update`s echoed once crashed the server); an
 * event that does not fit is replaced by an `error` event that says so.
 */

import { ServerEventType } from '../../src/protocol/realtimeEvents.ts';
import { newId } from './eventIds.ts';

export type EncodedServerEvent = { text: string; fits: true } | { text: string | null; fits: false; bytes: number };

export function encodeServerEvent(type: string, fields: Record<string, unknown>, maxMessageBytes: number): EncodedServerEvent {
  const text = JSON.stringify({ type, event_id: newId('event'), ...fields });
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxMessageBytes) return { text, fits: true };
  const refusal = JSON.stringify({
    type: ServerEventType.error,
    event_id: newId('event'),
    error: {
      type: 'invalid_request_error',
      code: 'event_too_large',
      message: `The server's ${type.slice(0, 64)} event did not fit the connection's ${maxMessageBytes}-byte message limit and was not sent.`,
      param: null,
      event_id: null,
    },
  });
  // A peer too small for even the refusal gets nothing.
  return { text: Buffer.byteLength(refusal) <= maxMessageBytes ? refusal : null, fits: false, bytes };
}
