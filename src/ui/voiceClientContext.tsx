/** Hands the one VoiceClient to components; they read it through selectors, never own it. */

import { createContext, useContext, type ReactNode } from 'react';
import { useSelector } from '@xstate/react';
import type { VoiceSnapshot } from '../../machines/voiceMachine.selectors.ts';
import type { VoiceClient } from '../voice/voiceClient.ts';

const VoiceClientContext = createContext<VoiceClient | null>(null);

export function VoiceClientProvider({ client, children }: { client: VoiceClient; children: ReactNode }) {
  return <VoiceClientContext.Provider value={client}>{children}</VoiceClientContext.Provider>;
}

export function useVoiceClient(): VoiceClient {
  const client = useContext(VoiceClientContext);
  if (!client) throw new Error('useVoiceClient outside VoiceClientProvider');
  return client;
}

export function useVoiceSelector<T>(selector: (snapshot: VoiceSnapshot) => T, compare?: (a: T, b: T) => boolean): T {
  return useSelector(useVoiceClient().actor, selector, compare);
}
