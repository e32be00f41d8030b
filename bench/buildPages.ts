/**
 * Builds the kiosk (dist/) and the bench's own pages into dist/bench/, so the floor and the
 * SDK page are served by the kiosk server from its own origin: the same server, the same
 * static handler, and no cross-origin request on any page.
 */

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'vite';
import { precompress } from '../scripts/precompress.ts';

export async function buildKioskAndPages(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve('bench/pages'),
    base: '/bench/',
    // Compressed like the kiosk, so the pages differ only in what they run.
    plugins: [precompress()],
    build: {
      outDir: resolve('dist/bench'),
      emptyOutDir: true,
      minify: true,
      rollupOptions: { input: { floor: resolve('bench/pages/floor.html'), sdk: resolve('bench/pages/sdk.html') } },
    },
  });
}
