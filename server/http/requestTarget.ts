/**
 * The request's path and query, read without throwing. `new URL()` on a raw request line
 * such as `GET http://[::1 HTTP/1.1` and `decodeURIComponent('%ff')` both threw inside the
 * request handler and ended the process.
 */

export interface RequestTarget {
  /** The path as sent, still percent-encoded. */
  pathname: string;
  /** The path percent-decoded. */
  decodedPath: string;
  searchParams: URLSearchParams;
}

/** Null when the target is not a URL or its path does not decode to text without NUL bytes. */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (!raw) return null;
  // Only origin-form (`/path`) is served; absolute-form is accepted for HTTP/1.1 clients
  // that send it, `*` and authority-form are not ours to answer.
  if (!raw.startsWith('/') && !/^https?:\/\//i.test(raw)) return null;
  if (!URL.canParse(raw, 'http://kiosk.invalid')) return null;
  const url = new URL(raw, 'http://kiosk.invalid');
  const decodedPath = decodePercent(url.pathname);
  if (decodedPath === null || decodedPath.includes('\0')) return null;
  return { pathname: url.pathname, decodedPath, searchParams: url.searchParams };
}

function decodePercent(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
