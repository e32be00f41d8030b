/**
 * Which kiosk this is, for the fleet's metrics and logs. A technician names it with
 * `?kiosk=store12-lane3` once; the name is kept in localStorage, so the kiosk keeps it
 * across reloads and restarts. Unnamed kiosks get `k-` and six random base36 characters,
 * made once and kept the same way.
 */

const STORAGE_KEY = 'voice-kiosk.kioskId';
const VALID_ID = /^[A-Za-z0-9_-]{1,32}$/;

let fallbackId: string | null = null;

function randomId(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return `k-${Array.from(bytes, (byte) => (byte % 36).toString(36)).join('')}`;
}

function readStored(): string | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
    return stored !== null && VALID_ID.test(stored) ? stored : null;
  } catch {
    return null;
  }
}

function store(id: string): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, id);
  } catch {
    // Storage refused (private mode, quota): the id lasts as long as the page.
  }
}

export function getKioskId(): string {
  const search = typeof location === 'undefined' ? '' : location.search;
  const named = new URLSearchParams(search).get('kiosk');
  if (named !== null && VALID_ID.test(named)) {
    store(named);
    return named;
  }
  const stored = readStored();
  if (stored) return stored;
  const id = fallbackId ?? randomId();
  fallbackId = id;
  store(id);
  return id;
}
