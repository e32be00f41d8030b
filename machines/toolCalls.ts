/** Runs the assistant's function calls. Pure: same call in, same output out. */

export interface ToolCallRequest {
  callId: string;
  name: string;
  arguments: string;
}

export function runToolCall(call: ToolCallRequest): string {
  return JSON.stringify({ ok: false, error: `unknown tool "${call.name}"` });
}
