// What a running sync reports, pushed to the renderer as `sync:progress` and drawn by the CLI.

/** `indexing`: a first listing's indexes being built once its records are in. */
export type SyncPhase = 'waiting' | 'listing' | 'indexing' | 'details' | 'done' | 'failed';

export interface ResourceProgress {
  resource: string;
  phase: SyncPhase;
  pages: number;
  records: number;
  requests: number;
  /** Records expected, from the last complete pass; null before the first. */
  expected: number | null;
  etaSeconds: number | null;
  error?: string;
}

/**
 * A request the sync is sending again because the server did not answer it, or failed (a bad
 * connection looks like this): shown so that a sync that seems stuck says why.
 */
export interface SyncRetry {
  /** "GET /api/v1/students" */
  endpoint: string;
  /** The try about to be made, of how many in all. */
  attempt: number;
  of: number;
  reason: 'no-answer' | 'no-connection' | 'server-error';
  /** The server's status, for a server error. */
  status?: number;
}

export interface SyncProgress {
  resources: ResourceProgress[];
  /** The request being tried again just now, if any; gone once a request is answered. */
  retrying?: SyncRetry | null;
  /** Times every request waited for the server's rate limit, and for how long in all. */
  rateLimitWaits: number;
  rateLimitWaitedMs: number;
}
