// A bridge the tests drive by hand: each call answers from a handler the test sets (or fails with
// the failure it sets), and the test pushes events as the back end would.
import type { BridgeEvents, CallInput, CallName, CallOutput, EnlightBridge, EventName } from '../../src/shared/bridge';

type Handler<K extends CallName> = (input: CallInput<K>) => CallOutput<K> | Promise<CallOutput<K>>;

export interface FakeBridge extends EnlightBridge {
  calls: { name: CallName; input: unknown }[];
  handle<K extends CallName>(name: K, handler: Handler<K>): void;
  emit<E extends EventName>(event: E, payload: BridgeEvents[E]): void;
  listenerCount(event: EventName): number;
}

export function fakeBridge(): FakeBridge {
  const handlers = new Map<CallName, (input: unknown) => unknown>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: { name: CallName; input: unknown }[] = [];
  return {
    calls,
    handle(name, handler) {
      handlers.set(name, handler as (input: unknown) => unknown);
    },
    async invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
      calls.push({ name, input });
      const handler = handlers.get(name);
      if (!handler) throw Object.assign(new Error(`No handler for ${name} in this test`), { code: 'test' });
      return (await handler(input)) as CallOutput<K>;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}

/** A failure as the transports reject with it: an Error carrying the service's code. */
export function bridgeFailure(code: string, message: string, fieldErrors?: Record<string, string[]>): Error {
  return Object.assign(new Error(message), { code, ...(fieldErrors ? { fieldErrors } : {}) });
}

/** A promise the test settles when it chooses, to hold a call "in flight". */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
