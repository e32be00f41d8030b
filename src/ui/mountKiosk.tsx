/**
 * The UI chunk: React, the kiosk screen and its styles, mounted around the client the
 * first chunk already started. The first render is a transition, so React yields to the
 * connection's callbacks (token, answer, data channel) instead of holding the main thread.
 */

import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import type { OrderOutbox } from '../orders/orderOutbox.ts';
import type { VoiceClient } from '../voice/voiceClient.ts';
import { App } from './App.tsx';
import { KioskProvider, type KioskActor } from './kioskContext.tsx';
import { VoiceClientProvider } from './voiceClientContext.tsx';
import './kiosk.css';

interface KioskScreen {
  client: VoiceClient;
  kiosk: KioskActor;
  orders: OrderOutbox;
  debug: boolean;
}

export function mountKiosk(container: HTMLElement, { client, kiosk, orders, debug }: KioskScreen): void {
  const root = createRoot(container);
  startTransition(() => {
    root.render(
      <StrictMode>
        <VoiceClientProvider client={client}>
          <KioskProvider kiosk={kiosk} orders={orders}>
            <App debug={debug} />
          </KioskProvider>
        </VoiceClientProvider>
      </StrictMode>,
    );
  });
}
