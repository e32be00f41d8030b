/**
 * Which kiosk this page is: `?kiosk=NAME` names it (and is remembered), otherwise an id
 * made once and kept in localStorage, so a kiosk keeps its name across reloads.
 */

const STORAGE_KEY = 'voice-kiosk.kioskId';
const VALID_ID = /^[A-Za-z0-9_-]{1,32}$/;

function generatedId(): string {
  const digits = new Uint8Array(6);
  globalThis.crypto.getRandomValues(digits);
  return `k-${Array.from(digits, (value) => (value % 36).toString(36)).join('')}`;
}

export function getKioskId(): string {
  const fromPage = new URLSearchParams(window.location.search).get('kiosk');
  if (fromPage !== null && VALID_ID.test(fromPage)) {
    window.localStorage.setItem(STORAGE_KEY, fromPage);
    return fromPage;
  }
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored !== null && VALID_ID.test(stored)) return stored;
  const id = generatedId();
  window.localStorage.setItem(STORAGE_KEY, id);
  return id;
}
