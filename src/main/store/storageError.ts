// SQLite errors that say the account's file cannot be written at all (a full disk, a failing or
// read-only one), as opposed to a bad record: no later step can succeed, so a sync stops at the
// first, and says what to do in the user's words rather than SQLite's.
import { dirname } from 'node:path';

const problems: [prefix: string, explain: (where: string) => string][] = [
  ['SQLITE_FULL', (where) => `The disk holding ${where} is full.`],
  ['SQLITE_READONLY', (where) => `The disk or folder holding ${where} is read-only.`],
  ['SQLITE_IOERR', (where) => `The disk holding ${where} reported an error while writing.`],
];

/**
 * A person's account of `error` when it is a storage problem, else undefined: `file` is the
 * account's database where known, `then` what to do once the disk is fixed.
 */
export function storageProblem(error: unknown, options: { file?: string; then?: string } = {}): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const match = problems.find(([prefix]) => code.startsWith(prefix));
  if (!match) return undefined;
  const where = options.file ? `this account's data (${dirname(options.file)})` : "Enlight Admin's data";
  const sqlite = error instanceof Error ? ` (SQLite: ${error.message})` : '';
  return `${match[1](where)} Free some space or fix the disk, ${options.then ?? 'then try again'}.${sqlite}`;
}
