/**
 * What a client may set with `session.update`, checked field by field as the real
 * service does (wrong types are refused with the field named, nothing is half-applied).
 * Only `instructions` and `tools` are kept; the rest of the push-to-talk session is fixed.
 */

export interface SessionConfigRefusal {
  code: string;
  message: string;
  param: string;
}

export interface SessionSettings {
  instructions: string;
  tools: unknown[];
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function invalidType(param: string, expected: string, value: unknown): SessionConfigRefusal {
  return { code: 'invalid_type', param, message: `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.` };
}

/** The settings after applying `session` from a `session.update`, or why it is refused. */
export function applySessionUpdate(current: SessionSettings, session: unknown): SessionSettings | SessionConfigRefusal {
  if (session === undefined) return current;
  if (!session || typeof session !== 'object' || Array.isArray(session)) return invalidType('session', 'an object', session);
  const fields = session as Record<string, unknown>;
  const next = { ...current };
  if (fields.instructions !== undefined) {
    if (typeof fields.instructions !== 'string') return invalidType('session.instructions', 'a string', fields.instructions);
    next.instructions = fields.instructions;
  }
  if (fields.tools !== undefined) {
    if (!Array.isArray(fields.tools)) return invalidType('session.tools', 'an array', fields.tools);
    next.tools = fields.tools;
  }
  return next;
}

export function isRefusal(value: SessionSettings | SessionConfigRefusal): value is SessionConfigRefusal {
  return 'code' in value;
}
