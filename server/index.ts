/**
 * Starts the kiosk server: the app's API, the local realtime server, and the page
 * itself (Vite middleware with `--dev`, the built dist/ otherwise). Binds to loopback.
 */

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { KioskHttpApp } from './httpApp.ts';
import { log } from './log.ts';
import { MenuAgent } from './agent/menuAgent.ts';
import { PocketsphinxRecognizer } from './speech/pocketsphinxRecognizer.ts';
import { EspeakSynthesizer } from './speech/speechSynthesizer.ts';
import { killAllChildren } from './speech/childProcesses.ts';
import { readRealtimeSettings } from './realtime/realtimeSettings.ts';
import { createStaticHandler } from './staticFiles.ts';
import { TokenStore } from './tokens.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const openAiApiKey = process.env.OPENAI_API_KEY || undefined;

const realtime = readRealtimeSettings();
const speechLimits = { maxProcesses: realtime.speechProcesses, maxWaiting: realtime.speechQueue };
// One recognizer for the process: it holds the grammar generated from the menu.
const recognizer = new PocketsphinxRecognizer(speechLimits);
const app = new KioskHttpApp({
  tokens: new TokenStore(Number(process.env.TOKEN_TTL_SECONDS ?? 60)),
  createRecognizer: () => recognizer,
  createAgent: () => new MenuAgent(),
  synthesizer: new EspeakSynthesizer(speechLimits),
  log,
  openAiApiKey,
  localApiKey: process.env.LOCAL_REALTIME_KEY ?? randomBytes(16).toString('hex'),
  callLimits: { connectTimeoutMs: realtime.connectTimeoutMs, maxSessionMs: realtime.maxSessionMs },
});

let serveStatic: (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void;
let closeDev: (() => Promise<void>) | null = null;
if (dev) {
  const { createServer: createViteServer } = await import('vite');
  const vite = await createViteServer({ root, server: { middlewareMode: true }, appType: 'spa' });
  serveStatic = (request, response) => vite.middlewares(request, response);
  closeDev = () => vite.close();
} else {
  const handler = createStaticHandler(`${root}/dist`);
  serveStatic = (request, response) => void handler(request, response);
}

const server = createServer((request, response) => {
  void app.handle(request, response).then((handled) => {
    if (!handled) serveStatic(request, response);
  });
});

server.listen(port, host, () => {
  log.info({ url: `http://${host}:${port}/`, mode: openAiApiKey ? 'openai' : 'local', dev }, 'voice kiosk ready');
});

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, 'shutting down');
  app.closeAll();
  killAllChildren();
  recognizer.dispose();
  server.close();
  await closeDev?.();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
