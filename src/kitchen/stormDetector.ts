/**
 * Counts reconnects and notices a storm: five or more within ten seconds is a display
 * hammering its server (the failure that once hid behind an endless spinner), logged once
 * per storm so the log shows when it began, not every attempt.
 */

export interface StormReport {
  reconnects: number;
  storms: number;
  inStorm: boolean;
}

export class StormDetector {
  private readonly windowMs: number;
  private readonly threshold: number;
  private recent: number[] = [];
  private reconnects = 0;
  private storms = 0;
  private inStorm = false;

  constructor(windowMs = 10_000, threshold = 5) {
    this.windowMs = windowMs;
    this.threshold = threshold;
  }

  /** Records a reconnect at `nowMs`; true when this one starts a storm. */
  record(nowMs: number): boolean {
    this.reconnects += 1;
    this.recent = this.recent.filter((at) => nowMs - at < this.windowMs);
    this.recent.push(nowMs);
    const storming = this.recent.length >= this.threshold;
    const started = storming && !this.inStorm;
    if (started) this.storms += 1;
    this.inStorm = storming;
    return started;
  }

  report(): StormReport {
    return { reconnects: this.reconnects, storms: this.storms, inStorm: this.inStorm };
  }
}
