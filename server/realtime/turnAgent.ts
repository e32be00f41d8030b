/** What the local agent decides for a turn: function calls to make, words to say. */

export interface AgentFunctionCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface AgentReply {
  functionCalls: AgentFunctionCall[];
  text: string | null;
}

export interface TurnInput {
  /** The user's words for this turn, or null when none were heard. */
  transcript: string | null;
  /** Outputs the client returned for the previous response's function calls. */
  functionOutputs: { callId: string; output: string }[];
}

export interface TurnAgent {
  reply(input: TurnInput): AgentReply;
  /** The session's instructions were set: what the client says there holds from now on. */
  instructionsChanged?(instructions: string): void;
}
