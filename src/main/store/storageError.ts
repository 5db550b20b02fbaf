// SQLite errors that say the account's file cannot be written at all (a full disk, a failing or
// read-only one), as opposed to a bad record: no later step can succeed, so a sync stops at the
// first, and says what to do in the user's words rather than SQLite's.
import { dirname } from 'node:path';

const problems: [prefix: string, explain: (folder: string) => string][] = [
  ['SQLITE_FULL', (folder) => `The disk holding this account's data (${folder}) is full.`],
  ['SQLITE_READONLY', (folder) => `This account's data (${folder}) cannot be written: the file or its folder is read-only.`],
  ['SQLITE_IOERR', (folder) => `The disk holding this account's data (${folder}) reported an error while writing.`],
];

/** A person's account of `error` when it is a storage problem with `file` (the account's database), else undefined. */
export function storageProblem(error: unknown, file: string): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const match = problems.find(([prefix]) => code.startsWith(prefix));
  if (!match) return undefined;
  const sqlite = error instanceof Error ? ` (SQLite: ${error.message})` : '';
  return `${match[1](dirname(file))} Free some space or fix the disk, then sync again: what was synced so far is kept, and the sync carries on from there.${sqlite}`;
}
