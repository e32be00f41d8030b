/** Short-lived ephemeral tokens, as the real service mints them: random, expiring, bound to a session config. */

import { randomBytes } from 'node:crypto';
import type { Scenario } from './realtime/scenarios.ts';

export interface EphemeralToken {
  value: string;
  /** Seconds since the epoch, as the real API reports it. */
  expiresAt: number;
  scenario: Scenario | null;
}

export class TokenStore {
  private readonly tokens = new Map<string, EphemeralToken>();
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(ttlSeconds = 60, now: () => number = Date.now) {
    this.ttlSeconds = ttlSeconds;
    this.now = now;
  }

  mint(scenario: Scenario | null): EphemeralToken {
    this.sweep();
    const token: EphemeralToken = {
      value: `ek_${randomBytes(18).toString('base64url')}`,
      expiresAt: Math.floor(this.now() / 1000) + this.ttlSeconds,
      scenario,
    };
    this.tokens.set(token.value, token);
    return token;
  }

  /** The token if it exists and has not expired. */
  verify(value: string | null): EphemeralToken | null {
    if (!value) return null;
    const token = this.tokens.get(value);
    if (!token) return null;
    if (token.expiresAt * 1000 <= this.now()) {
      this.tokens.delete(value);
      return null;
    }
    return token;
  }

  private sweep(): void {
    const now = this.now();
    for (const [value, token] of this.tokens) if (token.expiresAt * 1000 <= now) this.tokens.delete(value);
  }
}
