/**
 * Who may ask for a token. A browser always sends `Origin` on a POST: a page on another
 * site (or a DNS-rebound name) asking the kiosk's server for a token is refused here.
 * `Host` is checked too, so a rebound name cannot reach the endpoint with no Origin.
 * Clients that are not browsers send no Origin; the rate limit is what bounds them.
 */

import type { IncomingMessage } from 'node:http';

export class OriginPolicy {
  private readonly origins: Set<string>;
  private readonly hosts: Set<string>;

  constructor(allowedOrigins: readonly string[]) {
    this.origins = new Set(allowedOrigins);
    this.hosts = new Set(allowedOrigins.map((origin) => new URL(origin).host));
  }

  /** Why the request is refused, in words for the client, or null when it may proceed. */
  refusal(request: IncomingMessage): string | null {
    const host = request.headers.host?.toLowerCase();
    if (!host || !this.hosts.has(host)) return 'This server does not answer token requests for that Host.';
    const origin = request.headers.origin;
    if (origin !== undefined && !this.origins.has(origin)) return 'Token requests from that Origin are not allowed.';
    return null;
  }
}
