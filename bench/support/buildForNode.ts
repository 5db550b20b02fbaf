// Bundles a TypeScript entry into one ES module under out/bench/, to run with plain `node`: a
// benchmark that measures a process's memory runs the app's code as the app does, without tsx's
// loader (about 45 MB of the process, measured) in it. Dependencies stay in node_modules.
import { join } from 'node:path';
import { build } from 'vite';

/** The bundle's path. */
export async function buildForNode(entry: string, name: string): Promise<string> {
  const outDir = join(process.cwd(), 'out', 'bench');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { ssr: entry, outDir, emptyOutDir: false, minify: false, rollupOptions: { output: { entryFileNames: `${name}.mjs` } } },
  });
  return join(outDir, `${name}.mjs`);
}
