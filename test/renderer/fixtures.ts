// Plain values of the contract's types, for tests to start from.
import type { AppState, SyncStatus } from '../../src/shared/bridge';

export const demoAccount = { name: 'Example', baseUrl: 'http://127.0.0.1:1234', demo: true };

export function appState(overrides: Partial<AppState> = {}): AppState {
  return { accounts: [], current: null, keychain: true, keychainWarning: null, version: '0.1.0', ...overrides };
}

export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    running: false,
    progress: null,
    lastCompleteAt: null,
    lastOutcome: null,
    lastErrors: [],
    counts: { courses: 0, students: 0, enrollments: 0, groups: 0, users: 0 },
    ...overrides,
  };
}
