/**
 * What the server holds right now, for the leak test and technicians: live calls,
 * Node's active handles by kind, speech child processes, and the heap. Asked to
 * collect, and run with `--expose-gc` (NODE_OPTIONS), it measures the heap after a full
 * collection: what is retained, not what is merely not yet collected.
 */

import { liveChildPids } from '../speech/childProcesses.ts';
import type { CallRegistry } from './callRegistry.ts';

export interface ResourceReport {
  /** The server process itself (tests signal it directly). */
  pid: number;
  calls: number;
  /** `process.getActiveResourcesInfo()`, counted by kind (UDPWRAP, Timeout, TCPSocketWrap, …). */
  handles: Record<string, number>;
  handleTotal: number;
  children: number;
  childPids: number[];
  heapUsedBytes: number;
  /** Whether a collection ran first (the process was started with --expose-gc). */
  collected: boolean;
}

export function resourceReport(calls: CallRegistry, collect: boolean): ResourceReport {
  const gc = collect ? (globalThis as { gc?: () => void }).gc : undefined;
  gc?.();
  const handles: Record<string, number> = {};
  const active = process.getActiveResourcesInfo();
  for (const kind of active) handles[kind] = (handles[kind] ?? 0) + 1;
  const childPids = liveChildPids();
  return {
    pid: process.pid,
    calls: calls.size,
    handles,
    handleTotal: active.length,
    children: childPids.length,
    childPids,
    heapUsedBytes: process.memoryUsage().heapUsed,
    collected: gc !== undefined,
  };
}
