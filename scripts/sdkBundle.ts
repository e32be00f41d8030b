/**
 * The official `@openai/agents-realtime` SDK bundled for the browser: one minified ES
 * module, built with Vite's library mode from the installed package, nothing of ours in
 * it. The conformance suite loads it on a page of a foreign origin; the benchmark's SDK
 * page loads the identical file.
 */

import { resolve } from 'node:path';
import { build } from 'vite';

const BUNDLE_NAME = 'agents-realtime';

/** Builds the bundle into `outDir` and returns the file's path. */
export async function buildSdkBundle(outDir: string): Promise<{ file: string }> {
  const dir = resolve(outDir);
  await build({
    // Not the kiosk's config (React plugin, dist/): this build is the SDK alone.
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: true,
      sourcemap: false,
      lib: {
        entry: resolve('node_modules/@openai/agents-realtime/dist/index.mjs'),
        formats: ['es'],
        fileName: () => `${BUNDLE_NAME}.js`,
      },
      // One file: the SDK's lazily loaded parts come along, so the module stands alone.
      rolldownOptions: { output: { codeSplitting: false } },
    },
    resolve: { conditions: ['browser', 'import', 'module', 'default'] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  });
  return { file: resolve(dir, `${BUNDLE_NAME}.js`) };
}
