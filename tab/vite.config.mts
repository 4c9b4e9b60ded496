/**
 * Builds the tab into `dist/tab` at the repo root, which the server serves at `/`.
 * `vite --config tab/vite.config.ts` runs a dev server that proxies `/api` to the local bot.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type Plugin, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
/** Below this, compression saves less than the headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes `x.br` and `x.gz` beside each text asset, at the strongest settings: done once at
 * build time, so the server sends compressed files without spending CPU per request.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'pmo-relay:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? tabRoot;
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name))
          .map(async (name) => {
            const file = path.join(dir, name);
            const content = await readFile(file);
            if (content.length < MIN_BYTES) return;
            await writeFile(`${file}.br`, await brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
            await writeFile(`${file}.gz`, await gz(content, { level: constants.Z_BEST_COMPRESSION }));
          }),
      );
    },
  };
}

export default defineConfig({
  root: tabRoot,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/tab', import.meta.url)),
    emptyOutDir: true,
    // Maps are written for decoding error reports but not linked from the code; the server never serves them.
    sourcemap: 'hidden',
    // Fluent UI is large; one vendor chunk keeps the app chunk small and cacheable.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // The portfolio's filters and its health badges are loaded together, first thing: one file,
        // not two (left alone, the bundler splits them by who imports them, ~0.5 KB more to load).
        // Likewise the pieces every page's loading, error and empty states are made of (and Fluent's
        // Link and Spinner inside them): with a page more sharing them (Admin), the bundler would
        // split them three ways, ~1.2 KB more to load first.
        manualChunks: (id: string) =>
          /tab\/src\/portfolio\/(filters|RagBadge)\./.test(id)
            ? 'portfolio-shared'
            : /tab\/src\/shared\/(Loaded|Loading|ErrorState|EmptyState|PageHeader|route)\.|@fluentui\/react-(link|spinner)\//.test(id)
              ? 'page-states'
              : undefined,
      },
    },
  },
  server: {
    port: 53000,
    proxy: { '/api': { target: 'http://localhost:3978', changeOrigin: true } },
  },
});
