/** An agent that repeats back what it heard: the slice before the menu agent. */

import type { AgentReply, TurnAgent, TurnInput } from './turnAgent.ts';

export class AcknowledgingAgent implements TurnAgent {
  reply(input: TurnInput): AgentReply {
    if (!input.transcript) return { functionCalls: [], text: "Sorry, I didn't hear anything. Could you say that again?" };
    return { functionCalls: [], text: `You said: ${input.transcript}. Anything else?` };
  }
}
