import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
// The app's version, as the bundle names it, for the About box.
import app from '../src-tauri/tauri.conf.json';

export default defineConfig({
  plugins: [svelte()],
  define: { __APP_VERSION__: JSON.stringify(app.version) },
  // The app loads the built files from its own protocol: paths must be relative, nothing remote.
  base: './',
  clearScreen: false,
  build: {
    target: 'safari16',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The layout engine is one large chunk of its own, loaded the first time it is used.
    chunkSizeWarningLimit: 1600,
  },
  // The auto-layout's worker is a module, so that it too loads the layout engine only when used.
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
