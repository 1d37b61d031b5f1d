import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The config is loaded as `vite build --config web/vite.config.ts` from the repository root,
// so the root is set explicitly to this folder; the output lands in <repo>/dist/web, which the
// server serves.
const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        manualChunks(id) {
          if (id.includes('/node_modules/@mantine/')) return 'mantine';
          if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (id.includes('/node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
    },
  },
});
