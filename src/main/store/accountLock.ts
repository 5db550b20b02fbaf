// One sync and one sender of edits per account at a time, across processes (the app and the CLI,
// or two CLIs). Two syncs would page the same lists into the same checkpoints and build the same
// indexes at once; two senders could send one edit twice, and each would take the edits the other
// is sending for ones its own crash left behind.
//
// A lock is SQLite's own lock on a small file beside the mirror, held by an open exclusive
// transaction for as long as the work runs: the operating system lets go of it when the process
// ends, however it ends, so a killed process never leaves a stale lock behind. (SQLite also tells
// apart connections of one process, so two threads of the app exclude each other too.)
import Database from 'better-sqlite3';

export type AccountWork = 'sync' | 'push';

/** The lock files beside an account's database, removed with it. */
export const LOCK_SUFFIXES: Record<AccountWork, string> = { sync: '-sync-lock', push: '-push-lock' };

const BUSY: Record<AccountWork, string> = {
  sync: 'Another sync of this account is running (in Enlight Admin or on the command line). This one was not started: the other is bringing the local copy up to date.',
  push: "Enlight Admin (the app or the command line) is already sending this account's edits. These were not sent twice: the other is sending them.",
};

export class AccountBusy extends Error {
  constructor(readonly work: AccountWork) {
    super(BUSY[work]);
    this.name = 'AccountBusy';
  }
}

export interface AccountLock {
  release(): void;
}

/** Takes the account's lock for `work`, or undefined when another holds it; none is needed for an in-memory store. */
export function tryAccountLock(databaseFile: string, work: AccountWork): AccountLock | undefined {
  if (databaseFile === ':memory:' || databaseFile === '') return { release: () => {} };
  const db = new Database(`${databaseFile}${LOCK_SUFFIXES[work]}`);
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return undefined;
    throw error;
  }
  let held = true;
  return {
    release: () => {
      if (!held) return;
      held = false;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** The same, throwing AccountBusy when another holds it. */
export function takeAccountLock(databaseFile: string, work: AccountWork): AccountLock {
  const lock = tryAccountLock(databaseFile, work);
  if (!lock) throw new AccountBusy(work);
  return lock;
}
