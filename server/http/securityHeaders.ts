/**
 * Headers on every response. The Content-Security-Policy allows what the kiosk page uses
 * and nothing else: its own scripts and styles, fetches to its own server (token and
 * calls) and to the realtime service's origin in OpenAI mode, and the remote audio, which
 * plays from a MediaStream.
 *
 * Vite's dev server (`--dev`) injects inline scripts (the react-refresh preamble), inline
 * styles and a WebSocket for hot reload, so the dev policy allows those; production
 * allows none of them.
 */

export interface SecurityHeaderOptions {
  /** Origin the browser connects to for calls when it is not this server, e.g. https://api.openai.com. */
  realtimeOrigin: string | null;
  dev: boolean;
}

export function securityHeaders({ realtimeOrigin, dev }: SecurityHeaderOptions): Record<string, string> {
  const inline = dev ? " 'unsafe-inline'" : '';
  const connect = ["'self'", realtimeOrigin, dev ? 'ws:' : null].filter(Boolean).join(' ');
  const policy = [
    "default-src 'none'",
    `script-src 'self'${inline}`,
    `style-src 'self'${inline}`,
    "img-src 'self' data:",
    // The web app manifest (install as a full-screen kiosk app).
    "manifest-src 'self'",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'microphone=(self), camera=(), geolocation=(), payment=(), usb=()',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
