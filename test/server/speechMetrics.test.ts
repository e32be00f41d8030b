import { describe, expect, it } from 'vitest';
import { registry, speechObserver } from '../../server/metrics/serverMetrics.ts';
import { WorkLimiter, WorkRefusedError } from '../../server/speech/workLimiter.ts';

async function gauge(name: string, kind: string): Promise<number | undefined> {
  const metric = (await registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  return (metric?.values as { labels: { kind?: string }; value: number }[] | undefined)?.find((value) => value.labels.kind === kind)?.value;
}

describe('speech work in the server metrics', () => {
  it('shows work running and waiting while it does, refusals past the line, and back to zero after', async () => {
    const kind = 'recognizer';
    const limiter = new WorkLimiter('test recognition', 1, 1, speechObserver(kind));
    const releases: (() => void)[] = [];
    const task = () => new Promise<void>((resolve) => releases.push(resolve));
    const first = limiter.run(task);
    const second = limiter.run(task);
    await expect(limiter.run(task)).rejects.toBeInstanceOf(WorkRefusedError);
    expect(await gauge('kiosk_speech_running', kind)).toBe(1);
    expect(await gauge('kiosk_speech_queue_depth', kind)).toBe(1);
    expect(await gauge('kiosk_speech_refused_total', kind)).toBeGreaterThanOrEqual(1);
    releases.shift()?.();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(await gauge('kiosk_speech_queue_depth', kind)).toBe(0);
    releases.shift()?.();
    await second;
    expect(await gauge('kiosk_speech_running', kind)).toBe(0);
    const text = await registry.metrics();
    expect(text).toMatch(/kiosk_speech_duration_seconds_count\{kind="recognizer",phase="run",result="ok"\} 2/);
  });
});
