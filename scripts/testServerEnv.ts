/**
 * Settings for a kiosk server that tests and benchmarks drive: test mode, for the fault
 * scenarios and /api/debug/calls, and a token rate limit no suite reaches, since every
 * test's page asks for tokens from the same address. Orders are kept in memory unless a
 * test names a folder (ORDERS_DATA_DIR): servers side by side never share a PGlite folder.
 */

export const TEST_SERVER_ENV: Record<string, string> = {
  KIOSK_MODE: 'test',
  SESSION_RATE_BURST: '1000',
  SESSION_RATE_PER_MINUTE: '6000',
  ORDERS_DATA_DIR: 'memory://',
};
