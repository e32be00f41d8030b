/**
 * What the server holds right now, for the leak test and technicians: live calls,
 * Node's active handles by kind, speech child processes, and the heap. With
 * `--expose-gc` (NODE_OPTIONS) the heap is measured after a full collection, so
 * the figure is what is retained, not what is merely not yet collected.
 */

import { liveChildCount } from '../speech/childProcesses.ts';
import type { CallRegistry } from './callRegistry.ts';

export interface ResourceReport {
  calls: number;
  /** `process.getActiveResourcesInfo()`, counted by kind (UDPWRAP, Timeout, TCPSocketWrap, …). */
  handles: Record<string, number>;
  handleTotal: number;
  children: number;
  heapUsedBytes: number;
  /** Whether a collection ran first (the process was started with --expose-gc). */
  collected: boolean;
}

export function resourceReport(calls: CallRegistry): ResourceReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const handles: Record<string, number> = {};
  const active = process.getActiveResourcesInfo();
  for (const kind of active) handles[kind] = (handles[kind] ?? 0) + 1;
  return {
    calls: calls.size,
    handles,
    handleTotal: active.length,
    children: liveChildCount(),
    heapUsedBytes: process.memoryUsage().heapUsed,
    collected: gc !== undefined,
  };
}
