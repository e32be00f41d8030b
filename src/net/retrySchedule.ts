/**
 * Exponential backoff with jitter: the pause doubles from `baseMs` to `capMs` with each
 * failed attempt and is drawn between half and all of that, so kiosks (or kitchen
 * displays) that lost the same server do not come back in step.
 */

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
}

export function retryDelayMs(policy: RetryPolicy, failures: number, random: () => number = Math.random): number {
  const backoff = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(backoff * (0.5 + random() / 2));
}

/** `?<prefix>.retry=300&<prefix>.retryCap=2000` shortens the schedule, for technicians and tests. */
export function retryPolicyFromPage(search: string, prefix: string, fallback: RetryPolicy): RetryPolicy {
  const params = new URLSearchParams(search);
  const read = (name: string, value: number) => {
    const raw = Number(params.get(`${prefix}.${name}`));
    return params.has(`${prefix}.${name}`) && Number.isFinite(raw) && raw >= 50 ? raw : value;
  };
  const baseMs = read('retry', fallback.baseMs);
  return { baseMs, capMs: Math.max(baseMs, read('retryCap', fallback.capMs)) };
}
