import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getKioskId } from './kiosk/kioskId.ts';
import { DEFAULT_ORDER_RETRY, OrderOutbox } from './orders/orderOutbox.ts';
import { retryPolicyFromPage } from './orders/retrySchedule.ts';
import { App } from './ui/App.tsx';
import { KioskProvider } from './ui/kioskContext.tsx';
import { VoiceClientProvider } from './ui/voiceClientContext.tsx';
import { readClientConfig } from './voice/clientConfig.ts';
import { startKioskSession } from './voice/kioskSession.ts';
import { kioskSessionConfig } from './voice/sessionConfig.ts';
import { VoiceClient } from './voice/voiceClient.ts';
import './ui/kiosk.css';

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
createRoot(root).render(
  <StrictMode>
    <VoiceClientProvider client={client}>
      <KioskProvider kiosk={kiosk} orders={orders}>
        <App debug={config.debug} />
      </KioskProvider>
    </VoiceClientProvider>
  </StrictMode>,
);
