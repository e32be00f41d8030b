/**
 * Build-time compression: next to every compressible file Vite writes, a `.br` (brotli,
 * quality 11) and a `.gz` (gzip -9) copy, so the server sends compressed bytes without
 * compressing anything per request. A copy that would not be smaller is not written.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|map|txt)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 512;

export function precompressFile(path: string): void {
  const original = readFileSync(path);
  if (original.length < MIN_BYTES) return;
  const brotli = brotliCompressSync(original, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
    },
  });
  const gzip = gzipSync(original, { level: 9 });
  if (brotli.length < original.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < original.length) writeFileSync(`${path}.gz`, gzip);
}

export function precompress(): Plugin {
  return {
    name: 'voice-kiosk:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (COMPRESSIBLE.test(fileName)) precompressFile(join(outDir, fileName));
      }
    },
  };
}
