/**
 * Builds the tab into `dist/tab` at the repo root, which the server serves at `/`.
 * `vite --config tab/vite.config.ts` runs a dev server that proxies `/api` to the local bot.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: tabRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/tab', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Fluent UI is large; one vendor chunk keeps the app chunk small and cacheable.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 53000,
    proxy: { '/api': { target: 'http://localhost:3978', changeOrigin: true } },
  },
});
