/**
 * Counts of what the client holds open right now: timers, event listeners, peer
 * connections, microphone tracks and audio elements. Each owner registers what it
 * creates and calls the release it got back when it lets go, so a soak run can check
 * that a thousand turns leave these where they started.
 */

export type ResourceKind = 'timers' | 'listeners' | 'peerConnections' | 'tracks' | 'audioElements';

export type ResourceCounts = Record<ResourceKind, number>;

const live: ResourceCounts = { timers: 0, listeners: 0, peerConnections: 0, tracks: 0, audioElements: 0 };

/** Registers one live resource; the returned release is idempotent. */
export function holdResource(kind: ResourceKind): () => void {
  live[kind] += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    live[kind] -= 1;
  };
}

export function liveResources(): ResourceCounts {
  return { ...live };
}

/** `setInterval` that counts as a live timer until its returned stop is called. */
export function countedInterval(callback: () => void, ms: number): () => void {
  const release = holdResource('timers');
  const timer = setInterval(callback, ms);
  return () => {
    clearInterval(timer);
    release();
  };
}
