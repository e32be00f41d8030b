/** What the customer said and what the assistant answered, newest last. */

import { shallowEqual } from '@xstate/react';
import type { TranscriptEntry } from '../../machines/voiceMachine.types.ts';
import { useVoiceSelector } from './voiceClientContext.tsx';

function latest(entries: TranscriptEntry[], role: TranscriptEntry['role']): TranscriptEntry | undefined {
  return [...entries].reverse().find((entry) => entry.role === role && entry.text !== '');
}

export function Conversation() {
  const entries = useVoiceSelector(
    (snapshot) =>
      snapshot.context.transcriptOrder
        .map((id) => snapshot.context.transcripts[id])
        .filter((entry): entry is TranscriptEntry => entry !== undefined),
    shallowEqual,
  );
  const user = latest(entries, 'user');
  const reply = latest(entries, 'assistant');
  return (
    <section className="conversation" aria-label="Conversation">
      <div className="bubble bubble--user" aria-live="polite">
        <span className="bubble__who">You said</span>
        <p data-testid="user-transcript" data-final={user?.final ? 'true' : 'false'}>
          {user?.text ?? '…'}
        </p>
      </div>
      <div className="bubble bubble--assistant" aria-live="polite">
        <span className="bubble__who">Assistant</span>
        <p data-testid="assistant-reply" data-final={reply?.final ? 'true' : 'false'}>
          {reply?.text ?? 'Hi! What would you like today?'}
        </p>
      </div>
    </section>
  );
}
