import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.ts';
import { createServer } from 'node:net';
import { LOOPBACK, runUntilExit } from './kioskProcess.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the kiosk server settings', () => {
  it('start in production mode on loopback with one call per token when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 5173, host: '127.0.0.1', mode: 'production', tokenTtlSeconds: 60, callsPerToken: 1 });
    expect(config.allowedOrigins).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173', 'http://[::1]:5173']);
  });

  it('turn test mode on for --dev unless KIOSK_MODE says otherwise', () => {
    expect(parseConfig({}, ['--dev']).mode).toBe('test');
    expect(parseConfig({ KIOSK_MODE: 'production' }, ['--dev']).mode).toBe('production');
  });

  it('add the server\'s own origin to loopback when it listens on a named address', () => {
    expect(parseConfig({ HOST: '192.168.1.20', PORT: '8080' }).allowedOrigins[0]).toBe('http://192.168.1.20:8080');
  });

  it.each([
    ['TOKEN_TTL_SECONDS', 'abc'],
    ['TOKEN_TTL_SECONDS', '-5'],
    ['TOKEN_TTL_SECONDS', '0'],
    ['TOKEN_TTL_SECONDS', '1.5'],
    ['TOKEN_TTL_SECONDS', 'Infinity'],
    ['PORT', '70000'],
    ['PORT', '80abc'],
    ['SESSION_RATE_PER_MINUTE', '0'],
    ['SESSION_RATE_BURST', '1e3'],
    ['CALLS_PER_TOKEN', '100'],
    ['MAX_LIVE_TOKENS', ''.padStart(20, '9')],
    ['KIOSK_MODE', 'prod'],
    ['LOG_LEVEL', 'loud'],
    ['KIOSK_TECHNICIAN_DEBUG', 'yes'],
    ['ALLOWED_ORIGINS', 'http://kiosk.local/path'],
  ])('refuse %s=%s with a message naming the setting', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${name}`);
    expect(problems[0]).toContain(JSON.stringify(value).slice(1, -1));
  });

  it('report every bad setting at once', () => {
    expect(problemsOf({ PORT: 'x', TOKEN_TTL_SECONDS: 'y' })).toHaveLength(2);
  });

  it('stop the server with a non-zero exit and a clear message on TOKEN_TTL_SECONDS=abc', async () => {
    const { code, output } = await runUntilExit({ TOKEN_TTL_SECONDS: 'abc' });
    expect(code).toBe(2);
    expect(output).toContain('voice-kiosk cannot start');
    expect(output).toContain('TOKEN_TTL_SECONDS="abc" must be a whole number of seconds from 1 to 3600');
  });

  it('stop the server with a clear message when its port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, LOOPBACK, resolve));
    const address = squatter.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { code, output } = await runUntilExit({ PORT: String(port) });
      expect(code).toBe(2);
      expect(output).toContain(`cannot listen on ${LOOPBACK}:${port}: EADDRINUSE`);
    } finally {
      squatter.close();
    }
  });
});
