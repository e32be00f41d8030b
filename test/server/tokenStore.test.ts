import { describe, expect, it } from 'vitest';
import { ClientRateLimiter } from '../../server/http/rateLimit.ts';
import { TokenStore } from '../../server/tokens.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenStore', () => {
  it('forgets tokens after the TTL, oldest first, without being asked', () => {
    const time = clock();
    const store = new TokenStore({ ttlSeconds: 60, callsPerToken: 1, maxLiveTokens: 100, now: time.now });
    const early = store.mint(null);
    time.advance(30_000);
    const late = store.mint(null);
    time.advance(30_000);
    expect(store.size).toBe(1);
    expect(store.consume(early?.value ?? null)).toBeNull();
    expect(store.consume(late?.value ?? null)?.value).toBe(late?.value);
  });

  it('spends a token on each call and refuses it once its calls are used', () => {
    const store = new TokenStore({ ttlSeconds: 60, callsPerToken: 2, maxLiveTokens: 100 });
    const token = store.mint(null)?.value ?? null;
    expect(store.consume(token)).not.toBeNull();
    expect(store.consume(token)).not.toBeNull();
    expect(store.consume(token)).toBeNull();
    expect(store.size).toBe(0);
  });

  it('mints no more than maxLiveTokens, and says when the oldest frees a place', () => {
    const time = clock();
    const store = new TokenStore({ ttlSeconds: 60, callsPerToken: 1, maxLiveTokens: 3, now: time.now });
    for (let index = 0; index < 3; index += 1) expect(store.mint(null)).not.toBeNull();
    time.advance(20_000);
    expect(store.mint(null)).toBeNull();
    expect(store.secondsUntilRoom()).toBe(40);
    time.advance(40_000);
    expect(store.mint(null)).not.toBeNull();
  });
});

describe('ClientRateLimiter', () => {
  it('gives each client its own bucket of `burst` that refills at perMinute', () => {
    const time = clock();
    const limiter = new ClientRateLimiter({ burst: 2, perMinute: 30, maxClients: 10 }, time.now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((decision) => decision.allowed)).toEqual([true, true, false]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(limiter.take('b').allowed).toBe(true);
    time.advance(2_000);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('remembers at most maxClients however many addresses a flood comes from', () => {
    const limiter = new ClientRateLimiter({ burst: 1, perMinute: 1, maxClients: 1_000 });
    for (let index = 0; index < 100_000; index += 1) limiter.take(`10.0.${index >> 8}.${index & 255}`);
    expect(limiter.trackedClients).toBe(1_000);
  });

  it('keeps the clients it saw most recently when it forgets', () => {
    const limiter = new ClientRateLimiter({ burst: 1, perMinute: 1, maxClients: 2 });
    limiter.take('kiosk');
    limiter.take('other');
    limiter.take('kiosk');
    limiter.take('flood');
    // 'other' was forgotten, 'kiosk' was not: its bucket is still empty.
    expect(limiter.take('kiosk').allowed).toBe(false);
  });
});
