/**
 * The official `@openai/agents-realtime` package bundled for the browser the way the kiosk
 * is built (Vite library mode, minified, one ES module), so sizes and pages compare like
 * with like.
 */

import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';

export async function buildSdkBundle(outDir: string): Promise<{ file: string }> {
  const out = resolve(outDir);
  await mkdir(out, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: out,
      emptyOutDir: false,
      minify: true,
      sourcemap: false,
      lib: {
        entry: resolve('node_modules/@openai/agents-realtime/dist/index.mjs'),
        formats: ['es'],
        fileName: () => 'agents-realtime.js',
      },
    },
  });
  return { file: resolve(out, 'agents-realtime.js') };
}
