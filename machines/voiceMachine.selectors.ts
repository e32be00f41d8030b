/** Reads the machine's snapshot as the two things everyone asks: is it connected, and where is the turn. */

import type { SnapshotFrom } from 'xstate';
import type { VoiceMachine } from './voiceMachine.ts';

export type VoiceSnapshot = SnapshotFrom<VoiceMachine>;

export type ConnectionState = 'offline' | 'fetching_token' | 'connecting' | 'configuring' | 'ready';
export type TurnState = 'idle' | 'recording' | 'committing' | 'waiting_user_final' | 'waiting_response';

export function connectionStateOf(snapshot: VoiceSnapshot): ConnectionState {
  if (snapshot.matches('offline')) return 'offline';
  if (snapshot.matches({ online: 'fetching_token' })) return 'fetching_token';
  if (snapshot.matches({ online: { connection: 'connecting' } })) return 'connecting';
  if (snapshot.matches({ online: { connection: 'configuring' } })) return 'configuring';
  return 'ready';
}

export function turnStateOf(snapshot: VoiceSnapshot): TurnState | null {
  const ready = { online: { connection: 'ready' } } as const;
  const turnStates: TurnState[] = ['idle', 'recording', 'committing', 'waiting_user_final', 'waiting_response'];
  for (const turn of turnStates) {
    if (snapshot.matches({ online: { connection: { ready: turn } } })) return turn;
  }
  // following_up is a transient step inside waiting for the response.
  return snapshot.matches(ready) ? 'waiting_response' : null;
}

/** The last thing that went wrong, for the status line and the console. */
export function lastErrorOf(snapshot: VoiceSnapshot): { code: string; message: string } | null {
  const { turnNotice, disconnectReason } = snapshot.context;
  // Offline, why the connection is down matters more than how the last turn ended.
  return snapshot.matches('offline') ? (disconnectReason ?? turnNotice) : (turnNotice ?? disconnectReason);
}

/** The ids of every active state node ("voice.online.connection.ready.idle" and its ancestors). */
export function activeStateIds(snapshot: VoiceSnapshot): string[] {
  const ids: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'string') {
      ids.push(`${prefix}.${value}`);
      return;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      ids.push(`${prefix}.${key}`);
      walk(child, `${prefix}.${key}`);
    }
  };
  walk(snapshot.value, 'voice');
  return ids;
}
