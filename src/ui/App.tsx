/** The kiosk screen: menu, conversation and push-to-talk, the order; plus the debug panel on request, where the server allows it. */

import { lazy, Suspense, useEffect, useState } from 'react';
import { CartPanel } from './CartPanel.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { Conversation } from './Conversation.tsx';
import { kioskPhaseOf } from '../../machines/kioskMachine.ts';
import { useKiosk, useKioskSelector } from './kioskContext.tsx';
import { MenuBoard } from './MenuBoard.tsx';
import { MicrophoneMeter } from './MicrophoneMeter.tsx';
import { OrderConfirmed } from './OrderConfirmed.tsx';
import { PushToTalkButton } from './PushToTalkButton.tsx';
import { StatusLine } from './StatusLine.tsx';
import { useServerFeatures } from './useServerFeatures.ts';
import { useWakeLock } from './useWakeLock.ts';

// A technician's view, never on a customer's first screen: its code arrives when it is first opened.
const DebugPanel = lazy(() => import('./DebugPanel.tsx').then((module) => ({ default: module.DebugPanel })));

function useDebugToggle(initial: boolean): boolean {
  const [debug, setDebug] = useState(initial);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 'd') {
        event.preventDefault();
        setDebug((shown) => !shown);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return debug;
}

export function App({ debug: debugAtStart = false }: { debug?: boolean }) {
  const kiosk = useKiosk();
  const phase = useKioskSelector(kioskPhaseOf);
  const features = useServerFeatures();
  // Asked for by ?debug=1 or Ctrl+Shift+D; shown only where the server allows it.
  const debug = useDebugToggle(debugAtStart) && features.debugPanel;
  useWakeLock();
  return (
    <div className="app" data-kiosk={phase} data-debug={debug}>
      <header className="topbar">
        <h1>Order by voice</h1>
        <button type="button" className="topbar__start-over" onClick={() => kiosk.send({ type: 'start_over' })}>
          Start over
        </button>
      </header>
      <ConnectionBanner />
      <main className="kiosk">
        {/* The menu scrolls on its own: focusable, so the keyboard can scroll it too. */}
        <div className="kiosk__menu" tabIndex={0} role="region" aria-label="Menu, scrollable">
          <MenuBoard />
        </div>
        <div className="kiosk__talk">
          {phase === 'attract' ? (
            <section className="attract" aria-labelledby="attract-heading" data-testid="attract">
              <h2 id="attract-heading">Hungry? Just tell us.</h2>
              <p>Hold the green button, say what you&apos;d like, then let go.</p>
              <p className="attract__example">“Two cheeseburgers and a large coke”</p>
            </section>
          ) : (
            <Conversation />
          )}
          <div className="kiosk__controls">
            <PushToTalkButton />
            <MicrophoneMeter />
            <StatusLine />
          </div>
        </div>
        <div className="kiosk__cart">
          <CartPanel />
        </div>
      </main>
      {phase === 'confirmed' && <OrderConfirmed />}
      <Suspense fallback={null}>{debug && <DebugPanel faultScenarios={features.faultScenarios} />}</Suspense>
    </div>
  );
}
