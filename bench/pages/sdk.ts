/**
 * The official `@openai/agents-realtime` WebRTC transport on a page of its own, against
 * the same local server: it fetches the token inside connect (as a kiosk would), takes the
 * microphone itself and resolves connect once its session.update is acknowledged.
 */

import { OpenAIRealtimeWebRTC } from '@openai/agents-realtime';

const transport = new OpenAIRealtimeWebRTC({ baseUrl: new URL('/v1/realtime/calls', location.href).toString() });

transport
  .connect({
    apiKey: async () => {
      const response = await fetch('/api/session', { method: 'POST', headers: { Accept: 'application/json' } });
      return ((await response.json()) as { value: string }).value;
    },
    model: 'gpt-realtime',
    initialSessionConfig: { instructions: 'You take food orders at a restaurant kiosk.' },
  })
  .then(() => {
    document.body.dataset.ready = 'true';
  })
  .catch((error: unknown) => {
    document.body.dataset.error = String(error);
  });
