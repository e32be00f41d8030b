/**
 * The first chunk: it starts the one VoiceClient (token, microphone, offer) and only then
 * asks for the UI. React, the screen and the styles arrive in a chunk of their own, so
 * parsing and rendering them never stand between the page and its connection.
 */

import { getKioskId } from './kiosk/kioskId.ts';
import { DEFAULT_ORDER_RETRY, OrderOutbox } from './orders/orderOutbox.ts';
import { retryPolicyFromPage } from './net/retrySchedule.ts';
import { readClientConfig } from './voice/clientConfig.ts';
import { startKioskSession } from './voice/kioskSession.ts';
import { kioskSessionConfig } from './voice/sessionConfig.ts';
import { VoiceClient } from './voice/voiceClient.ts';

// Created once, outside React: renders and StrictMode's double effects never touch it.
const config = readClientConfig(window.location.search);
const client = new VoiceClient({
  session: kioskSessionConfig(),
  scenario: config.scenario,
  timeouts: config.timeouts,
  debug: config.debug,
  autoConnect: config.autoConnect,
}).start();
// Orders an earlier page left unsent are sent at once, ahead of any confirmed on this one.
const orders = new OrderOutbox({
  kioskId: getKioskId(),
  retry: retryPolicyFromPage(window.location.search, 'orders', DEFAULT_ORDER_RETRY),
}).start();
const { kiosk } = startKioskSession(client, config.kioskTimeouts, orders);
// A page that goes away (reload, closed tab) closes its peer on the way out: the server
// then ends the call at once instead of holding it until the link times out.
window.addEventListener('pagehide', () => client.dispose());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
import('./ui/mountKiosk.tsx')
  .then(({ mountKiosk }) => mountKiosk(root, { client, kiosk, orders, debug: config.debug }))
  .catch((error: unknown) => showLoadFailure(root, error));

/** The screen's code did not arrive (a deploy mid-load, a dropped link): say so and offer the way on. */
function showLoadFailure(container: HTMLElement, error: unknown): void {
  client.logger.error({ error: String(error) }, 'the kiosk screen failed to load');
  const message = document.createElement('p');
  message.textContent = 'The ordering screen did not load.';
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.textContent = 'Reload';
  retry.addEventListener('click', () => window.location.reload());
  container.replaceChildren(message, retry);
}
