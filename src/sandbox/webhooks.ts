// Delivers webhook payloads to every configured URL, off the request path: the request that
// caused an event never waits for a webhook, and a failed delivery is retried with backoff.

export interface WebhookDelivery {
  url: string;
  event: string;
  status: 'delivered' | 'failed';
  attempts: number;
  lastError?: string;
}

export interface WebhookOptions {
  urls: string[];
  /** First retry delay; each further retry waits twice as long. */
  retryBaseMs?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: WebhookOptions) {}

  send(event: string, payload: unknown): void {
    if (this.closed) return;
    const body = JSON.stringify(payload);
    for (const url of this.options.urls) {
      this.pending++;
      this.schedule(() => this.attempt(url, event, body, 1), 0);
    }
  }

  /** Resolves once every delivery has succeeded or given up (for tests and clean shutdown). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending = 0;
    this.settle();
  }

  private schedule(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(url: string, event: string, body: string, attempt: number): Promise<void> {
    const { retryBaseMs = 1000, maxAttempts = 6, timeoutMs = 10_000 } = this.options;
    let error: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Enlight-Event': event, 'User-Agent': 'Enlight-Sandbox-Webhooks' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (res.ok) return this.finish({ url, event, status: 'delivered', attempts: attempt });
      error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (this.closed) return;
    if (attempt >= maxAttempts) return this.finish({ url, event, status: 'failed', attempts: attempt, lastError: error });
    this.options.log?.(`webhook ${event} to ${url} failed (${error}); retry ${attempt} of ${maxAttempts - 1}`);
    this.schedule(() => void this.attempt(url, event, body, attempt + 1), retryBaseMs * 2 ** (attempt - 1));
  }

  private finish(delivery: WebhookDelivery): void {
    if (this.closed) return;
    this.deliveries.push(delivery);
    this.pending--;
    this.settle();
  }

  private settle(): void {
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
