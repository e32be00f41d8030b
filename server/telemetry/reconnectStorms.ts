/**
 * The reconnect-storm rule: a kiosk that reconnects five times within ten seconds is in
 * a storm (a bad network, a server flapping, or a client bug retrying without a pause).
 * Such storms once showed only as noise in the logs; here each one is counted once, and
 * the window starts again after it, so one long storm is not counted per reconnect.
 */

export interface StormRule {
  reconnects: number;
  windowMs: number;
  /** Kiosks remembered at once; the least recently heard from is forgotten first. */
  maxKiosks: number;
}

export const DEFAULT_STORM_RULE: StormRule = { reconnects: 5, windowMs: 10_000, maxKiosks: 10_000 };

export class ReconnectStormDetector {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly rule: StormRule = DEFAULT_STORM_RULE) {}

  /** Records one reconnect at `at` (the kiosk's clock); true when it makes a storm. */
  record(kiosk: string, at: number): boolean {
    const times = (this.recent.get(kiosk) ?? []).filter((time) => at - time < this.rule.windowMs && time <= at);
    times.push(at);
    this.recent.delete(kiosk);
    const storm = times.length >= this.rule.reconnects;
    this.recent.set(kiosk, storm ? [] : times);
    while (this.recent.size > this.rule.maxKiosks) {
      const oldest = this.recent.keys().next();
      if (oldest.done) break;
      this.recent.delete(oldest.value);
    }
    return storm;
  }
}
