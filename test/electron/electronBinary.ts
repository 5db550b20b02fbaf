// Where the Electron binary would be, found the way scripts/start.ts finds it: from the package's
// own path.txt, never by requiring 'electron' (that throws, or starts a download, without one).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function electronBinary(root: string = resolve(import.meta.dirname, '../..')): string | undefined {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
