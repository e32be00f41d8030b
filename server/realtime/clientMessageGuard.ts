/**
 * The door every data-channel message passes before the session does any work with it:
 * size, then nesting depth, then JSON, then "is it an event object". A refusal carries
 * what the GA `error` event needs, including the client's `event_id` when it can be
 * found cheaply.
 *
 * Incident this prevents: a 12 KB `session.update` nested 6,000 levels deep parsed
 * fine and then blew the stack in `JSON.stringify` when the session echoed it, taking
 * the whole kiosk server down. Depth is now measured by a linear scan, before parsing,
 * so no recursive code ever sees such a message.
 */

/**
 * The largest client event accepted, in bytes. The same figure is advertised as the
 * answer's `a=max-message-size` (see loopbackPeer.ts), so a well-behaved client never
 * sends more.
 */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/**
 * The deepest nesting of objects and arrays accepted. The kiosk's own `session.update`
 * (tools with JSON Schema parameters) is 8 deep; the real service's events are similar.
 */
export const MAX_JSON_DEPTH = 32;

/** The longest client `event_id` echoed back; longer ones are not repeated to the sender. */
const MAX_EVENT_ID_LENGTH = 128;

/** Only the start of a refused message is searched for its `event_id`. */
const EVENT_ID_PEEK_CHARS = 512;

export type ClientMessage =
  | { ok: true; event: Record<string, unknown>; eventId: string | null }
  | { ok: false; code: ClientRefusalCode; message: string; eventId: string | null };

export const ClientRefusalCode = {
  tooLarge: 'message_too_large',
  tooDeep: 'json_too_deep',
  invalidJson: 'invalid_json',
  notAnEvent: 'invalid_event',
} as const;
export type ClientRefusalCode = (typeof ClientRefusalCode)[keyof typeof ClientRefusalCode];

/**
 * How deeply the text's objects and arrays nest, counting only brackets outside
 * strings; stops counting once `limit` is passed. Never recurses, so any input is safe.
 */
export function jsonNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index += 1;
      else if (char === 0x22 /* " */) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) depth -= 1;
  }
  return deepest;
}

/** The client's `event_id` from the start of a message that will not be parsed, if plainly there. */
const EVENT_ID_PATTERN = new RegExp(`"event_id"\\s*:\\s*"([^"\\\\]{1,${MAX_EVENT_ID_LENGTH}})"`);

export function peekEventId(text: string): string | null {
  const match = EVENT_ID_PATTERN.exec(text.slice(0, EVENT_ID_PEEK_CHARS));
  return match?.[1] ?? null;
}

function eventIdOf(event: Record<string, unknown>): string | null {
  const id = event.event_id;
  return typeof id === 'string' && id.length <= MAX_EVENT_ID_LENGTH ? id : null;
}

export function parseClientMessage(raw: string | Buffer): ClientMessage {
  const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (bytes > MAX_CLIENT_MESSAGE_BYTES) {
    const head = (typeof raw === 'string' ? raw.slice(0, EVENT_ID_PEEK_CHARS) : raw.subarray(0, EVENT_ID_PEEK_CHARS).toString());
    return {
      ok: false,
      code: ClientRefusalCode.tooLarge,
      message: `The event is ${bytes} bytes; the largest accepted is ${MAX_CLIENT_MESSAGE_BYTES} bytes.`,
      eventId: peekEventId(head),
    };
  }
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return {
      ok: false,
      code: ClientRefusalCode.tooDeep,
      message: `The event nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays.`,
      eventId: peekEventId(text),
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, code: ClientRefusalCode.invalidJson, message: 'The event is not valid JSON.', eventId: peekEventId(text) };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, code: ClientRefusalCode.notAnEvent, message: 'The event must be a JSON object with a type.', eventId: null };
  }
  const event = parsed as Record<string, unknown>;
  return { ok: true, event, eventId: eventIdOf(event) };
}
