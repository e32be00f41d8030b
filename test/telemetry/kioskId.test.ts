import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A page's storage and address, as far as the kiosk id reads them. */
function page(search: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  vi.stubGlobal('location', { search });
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
  });
  return storage;
}

async function freshGetKioskId() {
  vi.resetModules();
  return (await import('../../src/kiosk/kioskId.ts')).getKioskId;
}

describe('the kiosk id', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('takes a valid ?kiosk= name and keeps it for the next load without one', async () => {
    const storage = page('?kiosk=store12-lane_3');
    expect((await freshGetKioskId())()).toBe('store12-lane_3');
    vi.stubGlobal('location', { search: '' });
    expect((await freshGetKioskId())()).toBe('store12-lane_3');
    expect([...storage.values()]).toEqual(['store12-lane_3']);
  });

  it.each(['lane 3', 'x'.repeat(33), '', 'lane"3', 'ü'])('ignores the invalid name %j and keeps the stored one', async (name) => {
    page(`?kiosk=${encodeURIComponent(name)}`, { 'voice-kiosk.kioskId': 'lane-7' });
    expect((await freshGetKioskId())()).toBe('lane-7');
  });

  it('makes k- and six base36 characters once when unnamed, and keeps it', async () => {
    page('');
    const getKioskId = await freshGetKioskId();
    const id = getKioskId();
    expect(id).toMatch(/^k-[0-9a-z]{6}$/);
    expect(getKioskId()).toBe(id);
    expect((await freshGetKioskId())()).toBe(id);
  });

  it('still gives one id for the page when storage refuses', async () => {
    vi.stubGlobal('location', { search: '' });
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    const getKioskId = await freshGetKioskId();
    const id = getKioskId();
    expect(id).toMatch(/^k-[0-9a-z]{6}$/);
    expect(getKioskId()).toBe(id);
  });
});
