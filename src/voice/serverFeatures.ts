/**
 * Which technician tools the kiosk server allows, from `GET /api/health`. Outside test
 * mode the server refuses fault scenarios, so the page offers no switch for them, and
 * shows its debug panel only when the server was started with KIOSK_TECHNICIAN_DEBUG=1.
 */

export interface ServerFeatures {
  /** Fault scenarios (`?scenario=`, the debug panel's switch) are accepted. */
  faultScenarios: boolean;
  /** The debug panel may open (`?debug=1`, Ctrl+Shift+D). */
  debugPanel: boolean;
}

/** Everything off: what the page assumes until the server says otherwise, or if it cannot say. */
export const NO_SERVER_FEATURES: ServerFeatures = { faultScenarios: false, debugPanel: false };

export async function fetchServerFeatures(healthUrl: string, signal: AbortSignal): Promise<ServerFeatures> {
  try {
    const response = await fetch(healthUrl, { signal, headers: { Accept: 'application/json' } });
    if (!response.ok) return NO_SERVER_FEATURES;
    const body = (await response.json()) as Partial<ServerFeatures>;
    return { faultScenarios: body.faultScenarios === true, debugPanel: body.debugPanel === true };
  } catch {
    return NO_SERVER_FEATURES;
  }
}
