// While the server cannot be reached, asks it now and then whether it can be again: soon at first,
// then every half minute. When it answers, the app says it is online again, sends the edits that
// waited in the outbox, and carries on a sync the network broke off (service.ts). On a laptop
// with a bad connection nobody should have to notice the line came back and press a button.

/** Waits between asks: the last one repeats. */
export const RECONNECT_DELAYS_MS: readonly number[] = [5_000, 10_000, 20_000, 30_000];

export interface ReconnectWatchOptions {
  /** Whether the server answers now (any answer: one refusing the key is still reachable). */
  reachable: () => Promise<boolean>;
  /** Called once, when it does. */
  onBack: () => void;
  delaysMs?: readonly number[];
}

export class ReconnectWatch {
  readonly #options: ReconnectWatchOptions;
  readonly #delays: readonly number[];
  #asked = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #asking = false;

  constructor(options: ReconnectWatchOptions) {
    this.#options = options;
    this.#delays = options.delaysMs?.length ? options.delaysMs : RECONNECT_DELAYS_MS;
    this.#next();
  }

  /** Asks at once instead of at the next try (the computer says its network is back). */
  askNow(): void {
    if (this.#stopped || this.#asking) return;
    clearTimeout(this.#timer);
    void this.#ask();
  }

  /** Stops asking (the account was closed, or something else found the server). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #next(): void {
    const delay = this.#delays[Math.min(this.#asked, this.#delays.length - 1)] as number;
    this.#asked++;
    this.#timer = setTimeout(() => void this.#ask(), delay);
    // Never what keeps the app (or a test) running.
    this.#timer.unref();
  }

  async #ask(): Promise<void> {
    if (this.#stopped) return;
    this.#asking = true;
    const back = await this.#options.reachable().catch(() => false);
    this.#asking = false;
    if (this.#stopped) return;
    if (!back) return this.#next();
    this.#stopped = true;
    this.#options.onBack();
  }
}
