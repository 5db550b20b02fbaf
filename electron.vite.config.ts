import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles: the Node back end (main), the tiny preload bridge, and the React renderer.
// Dependencies of main stay external (better-sqlite3 is a native module loaded at run time).
export default defineConfig({
  main: {
    build: {
      // The pull runs on a worker thread from a script of its own (src/main/sync/pullOnWorker.ts).
      rollupOptions: { input: { index: resolve('src/main/index.ts'), pullWorker: resolve('src/main/sync/pullWorker.ts') } },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads must be CommonJS.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
