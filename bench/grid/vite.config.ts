// One Vite build of the grid bench's two harness pages (ours.html, agGrid.html): same bundler,
// same plugins, same production settings as the app's renderer build. run.ts sets outDir.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const harness = fileURLToPath(new URL('./harness', import.meta.url));

export default defineConfig({
  root: harness,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    // AG Grid alone makes a chunk well over Vite's 500 kB warning limit: the warning says nothing here.
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: { ours: `${harness}/ours.html`, agGrid: `${harness}/agGrid.html` } },
  },
});
