/**
 * Gzip sizes, every one built the same way (Vite, minified, ES modules) and compressed
 * the same way (zlib level 9): the core client without React, the first chunk the page
 * loads, the whole kiosk, and the official SDK's browser bundle.
 */

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { buildSdkBundle } from '../scripts/sdkBundle.ts';

export interface SizeResult {
  /** Gzipped bytes. */
  coreClient: number;
  firstChunk: number;
  /** The files index.html loads before any script runs (entry script, its preloads, CSS). */
  firstChunkFiles: string[];
  wholeKiosk: number;
  sdkBundle: number;
}

const gzipBytes = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The turn machine, the connection and the handler behind the client facade: no React, no UI. */
async function buildCoreClient(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry: resolve('src/voice/voiceClient.ts'), formats: ['es'], fileName: () => 'core-client.js' },
    },
  });
  return join(outDir, 'core-client.js');
}

/** Scripts and styles index.html names: what arrives before the page's first script runs. */
function firstChunkFiles(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  return [...new Set(files)];
}

export async function measureSizes(distDir: string, workDir: string): Promise<SizeResult> {
  const core = await buildCoreClient(join(workDir, 'core'));
  const sdk = await buildSdkBundle(join(workDir, 'sdk'));
  const first = firstChunkFiles(distDir);
  const assets = readdirSync(join(distDir, 'assets')).filter((name) => /\.(js|css)$/.test(name));
  return {
    coreClient: gzipBytes(core),
    firstChunk: first.reduce((sum, file) => sum + gzipBytes(join(distDir, file)), 0),
    firstChunkFiles: first,
    wholeKiosk: assets.reduce((sum, name) => sum + gzipBytes(join(distDir, 'assets', name)), 0),
    sdkBundle: gzipBytes(sdk.file),
  };
}
