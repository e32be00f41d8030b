/**
 * A token bucket per client, kept in a Map used as an LRU: a client's bucket moves to the
 * back when it is used, and the front (the least recently seen) is forgotten once the Map
 * is full. Memory stays bounded however many addresses a flood comes from; a forgotten
 * client starts again with a full bucket, which is the cost of the bound.
 */

import type { RateLimitConfig } from '../config.ts';

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class ClientRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly config: RateLimitConfig;
  private readonly now: () => number;

  constructor(config: RateLimitConfig, now: () => number = Date.now) {
    this.config = config;
    this.now = now;
  }

  get trackedClients(): number {
    return this.buckets.size;
  }

  take(client: string): RateDecision {
    const now = this.now();
    const refillPerMs = this.config.perMinute / 60_000;
    const known = this.buckets.get(client);
    const bucket: Bucket = known
      ? { tokens: Math.min(this.config.burst, known.tokens + (now - known.updatedAtMs) * refillPerMs), updatedAtMs: now }
      : { tokens: this.config.burst, updatedAtMs: now };
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    this.forgetOldest();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
  }

  private forgetOldest(): void {
    while (this.buckets.size > this.config.maxClients) {
      const oldest = this.buckets.keys().next();
      if (oldest.done) return;
      this.buckets.delete(oldest.value);
    }
  }
}
