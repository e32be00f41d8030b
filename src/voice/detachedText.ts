/**
 * Bounded copies of text from the wire, for anything kept after a message is handled.
 *
 * A slice of a string can keep the whole original alive (V8's sliced strings point into
 * their parent), so a log that keeps the first 500 characters of each of 200 one-megabyte
 * messages would hold 200 MB. These helpers return short strings that own their characters.
 */

/**
 * At most `max` characters of `text`, followed by "…" when cut. A cut is a fresh string
 * that shares no memory with `text`; text short enough is returned as it is.
 */
export function clipDetached(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${detach(text.slice(0, max))}…`;
}

/** Copies the characters out: a JSON round trip always builds a new flat string (lone surrogates survive it). */
function detach(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** A short key standing for a long one (FNV-1a over its characters), so a set of keys stays small. */
export function compactKey(text: string, max: number): string {
  if (text.length <= max) return text;
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `#${text.length}:${hash.toString(36)}`;
}
