import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress.ts';

export default defineConfig({
  plugins: [react(), precompress()],
  // Source maps publish the whole source: built only when asked for (BUILD_SOURCEMAPS=1).
  build: { outDir: 'dist', sourcemap: process.env.BUILD_SOURCEMAPS === '1' },
});
