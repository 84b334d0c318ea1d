// The ops console's web app (React 19). Built into dist/apps/ops-console/web, which the BFF serves at `/`.
// In development `vite` proxies /api to the BFF (OPS_CONSOLE_BFF_URL, default http://127.0.0.1:3006).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const bff = process.env.OPS_CONSOLE_BFF_URL ?? 'http://127.0.0.1:3006';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(here, '../../../dist/apps/ops-console/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { port: 5173, proxy: { '/api': { target: bff, changeOrigin: false } } },
  preview: { port: 4173, proxy: { '/api': { target: bff, changeOrigin: false } } },
});
