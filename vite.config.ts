import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress.ts';

export default defineConfig({
  plugins: [react(), precompress()],
  // Source maps publish the whole source: built only when asked for (BUILD_SOURCEMAPS=1).
  build: {
    outDir: 'dist',
    sourcemap: process.env.BUILD_SOURCEMAPS === '1',
    // The kiosk, and the kitchen display served at /kitchen: one build, two pages.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        kitchen: fileURLToPath(new URL('./kitchen.html', import.meta.url)),
      },
    },
  },
});
