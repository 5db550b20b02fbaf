// Browser mode's transport: the same `window.enlight` the Electron preload installs, carried over
// the web host's HTTP (POST /bridge) and Server-Sent Events (GET /events) instead of IPC. The page
// is authorised by the HttpOnly cookie the web host set when it was first opened.
import type { BridgeEvents, BridgeFailure, BridgeResult, CallName, EnlightBridge, EventName } from '../../../shared/bridge';

export interface WebBridgeOptions {
  /** Where the web host is; the page's own origin by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  EventSource?: new (url: string, init?: EventSourceInit) => EventSource;
}

type Listener = (payload: never) => void;

export function createWebBridge(options: WebBridgeOptions = {}): EnlightBridge {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  const url = (path: string) => (options.baseUrl ? new URL(path, options.baseUrl).href : path);
  const listeners = new Map<EventName, Set<Listener>>();
  const subscribed = new Set<EventName>();
  let source: EventSource | undefined;

  const fail = (failure: BridgeFailure): never => {
    throw failure;
  };

  async function invoke<K extends CallName>(name: K, input: unknown): Promise<never> {
    let response: Response;
    try {
      response = await fetchFn(url('/bridge'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, input }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return fail({ code: 'network', message: "Enlight Admin's local server is not answering. Check that `npm run web` is still running, then reload the page." });
    }
    if (response.status === 401 || response.status === 403) {
      return fail({
        code: 'auth',
        message: 'This page is no longer connected to Enlight Admin (it was restarted, or the page was opened without its link). Open the address Enlight Admin printed when it started.',
      });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return fail({ code: 'bad-response', message: `Enlight Admin's local server answered ${name} with something that is not JSON (HTTP ${response.status}). Reload the page.` });
    }
    const result = body as Partial<BridgeResult>;
    if (result.ok === true && 'value' in result) return result.value as never;
    if (result.ok === false && result.error && typeof result.error.message === 'string') return fail(result.error);
    return fail({ code: 'bad-response', message: `Enlight Admin's local server gave an answer to ${name} this page does not understand (HTTP ${response.status}). Reload the page.` });
  }

  function subscribe(event: EventName): void {
    if (!EventSourceImpl) return;
    // One stream for every event; it reconnects by itself if the connection drops.
    source ??= new EventSourceImpl(url('/events'), { withCredentials: true });
    if (subscribed.has(event)) return;
    subscribed.add(event);
    source.addEventListener(event, (message: MessageEvent<string>) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        return;
      }
      for (const listener of [...(listeners.get(event) ?? [])]) (listener as (payload: unknown) => void)(payload);
    });
  }

  function on<E extends EventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    subscribe(event);
    return () => {
      set.delete(listener as Listener);
    };
  }

  return { invoke: invoke as EnlightBridge['invoke'], on };
}

/** Installs the web transport as `window.enlight` unless a preload (Electron) already did. */
export function installWebBridge(target: { enlight?: EnlightBridge } = window as unknown as { enlight?: EnlightBridge }): EnlightBridge {
  if (!target.enlight) target.enlight = createWebBridge();
  return target.enlight;
}
