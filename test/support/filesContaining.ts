// Every file under a folder whose bytes contain a string: how tests show a secret is nowhere on disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(needle, 'utf8');
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else if (s.isFile() && readFileSync(path).includes(bytes)) found.push(path);
    }
  };
  walk(dir);
  return found;
}
