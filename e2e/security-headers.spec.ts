import { expect, test, type Page } from '@playwright/test';
import { audioClip, chromiumWithMicrophone, sayClip, voiceStatus, waitUntilReady } from './kiosk.ts';

test.use({ launchOptions: chromiumWithMicrophone(audioClip('order-then-remove')) });

/** Every `securitypolicyviolation` the page has seen, as "directive blocked-uri". */
async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

test('the page works under its security headers: no CSP violation, and a spoken order goes through', async ({ page }) => {
  const consoleReports: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) consoleReports.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });

  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['permissions-policy']).toContain('microphone=(self)');
  expect(headers['cache-control']).toBe('no-cache');

  await waitUntilReady(page);
  await sayClip(page, 'order-then-remove', { phrase: 0 });
  await expect(page.getByTestId('user-transcript')).toHaveText("i'd like two cheeseburgers and a large coke");
  await expect(page.getByTestId('cart-total')).toHaveText('$14.57');
  await expect.poll(async () => (await voiceStatus(page)).counters.byType['output_audio_buffer.stopped'] ?? 0).toBeGreaterThan(0);
  const inbound = await page.evaluate(() => window.__voiceClient?.inboundAudioStats());
  expect(inbound?.totalAudioEnergy).toBeGreaterThan(0);

  expect(await cspViolations(page)).toEqual([]);
  expect(consoleReports).toEqual([]);

  // The listener hears violations and the policy is enforced: an injected inline script is blocked.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.appendChild(script);
  });
  await expect.poll(() => cspViolations(page)).toEqual([expect.stringMatching(/^script-src/)]);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
