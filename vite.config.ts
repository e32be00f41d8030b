import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Source maps publish the whole source: built only when asked for (BUILD_SOURCEMAPS=1).
  build: { outDir: 'dist', sourcemap: process.env.BUILD_SOURCEMAPS === '1' },
});
