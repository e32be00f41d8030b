/**
 * The kiosk lifecycle actor (attract → ordering → confirmed) and the order outbox, handed
 * to components like the voice client: they read them, never own them.
 */

import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { useSelector } from '@xstate/react';
import type { Actor, SnapshotFrom } from 'xstate';
import type { KioskMachine } from '../../machines/kioskMachine.ts';
import type { OrderOutbox, OutboxSnapshot } from '../orders/orderOutbox.ts';

export type KioskActor = Actor<KioskMachine>;

const KioskContext = createContext<KioskActor | null>(null);
const OutboxContext = createContext<OrderOutbox | null>(null);

export function KioskProvider({ kiosk, orders = null, children }: { kiosk: KioskActor; orders?: OrderOutbox | null; children: ReactNode }) {
  return (
    <KioskContext.Provider value={kiosk}>
      <OutboxContext.Provider value={orders}>{children}</OutboxContext.Provider>
    </KioskContext.Provider>
  );
}

const NO_OUTBOX: OutboxSnapshot = { latest: null, unsent: 0 };
const noSubscription = () => () => undefined;

/** The outbox as it is now; re-renders when an order's delivery changes. */
export function useOutboxSnapshot(): OutboxSnapshot {
  const orders = useContext(OutboxContext);
  return useSyncExternalStore(orders?.subscribe ?? noSubscription, orders?.getSnapshot ?? (() => NO_OUTBOX));
}

export function useKiosk(): KioskActor {
  const kiosk = useContext(KioskContext);
  if (!kiosk) throw new Error('useKiosk outside KioskProvider');
  return kiosk;
}

export function useKioskSelector<T>(selector: (snapshot: SnapshotFrom<KioskMachine>) => T): T {
  return useSelector(useKiosk(), selector);
}
