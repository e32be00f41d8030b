/** The kiosk lifecycle actor (attract → ordering → confirmed), handed to components like the voice client. */

import { createContext, useContext, type ReactNode } from 'react';
import { useSelector } from '@xstate/react';
import type { Actor, SnapshotFrom } from 'xstate';
import type { KioskMachine } from '../../machines/kioskMachine.ts';

export type KioskActor = Actor<KioskMachine>;

const KioskContext = createContext<KioskActor | null>(null);

export function KioskProvider({ kiosk, children }: { kiosk: KioskActor; children: ReactNode }) {
  return <KioskContext.Provider value={kiosk}>{children}</KioskContext.Provider>;
}

export function useKiosk(): KioskActor {
  const kiosk = useContext(KioskContext);
  if (!kiosk) throw new Error('useKiosk outside KioskProvider');
  return kiosk;
}

export function useKioskSelector<T>(selector: (snapshot: SnapshotFrom<KioskMachine>) => T): T {
  return useSelector(useKiosk(), selector);
}
