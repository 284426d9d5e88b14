import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the dashboard into dist/, which server/index.ts serves. Everything it needs ships in the
 * bundle (the district shapes, Leaflet's styles, ECharts): it works with no network but the gateway.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
