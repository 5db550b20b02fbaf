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

export interface SyncProgress {
  resources: ResourceProgress[];
  /** Times every request waited for the server's rate limit, and for how long in all. */
  rateLimitWaits: number;
  rateLimitWaitedMs: number;
}
