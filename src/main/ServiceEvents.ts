// The service's events (the Bridge's `BridgeEvents`), typed, for the transports to forward.
import { EVENT_NAMES, type BridgeEvents, type EventName } from '../shared/bridge';

/** A typed event emitter for the Bridge's events. */
export class ServiceEvents {
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();

  on<E extends EventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  /** Every event, e.g. for a transport that forwards them all. */
  onAny(listener: <E extends EventName>(event: E, payload: BridgeEvents[E]) => void): () => void {
    const offs = EVENT_NAMES.map((event) => this.on(event, (payload) => listener(event, payload)));
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, payload: BridgeEvents[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      // A listener that throws (a closed window, a broken pipe) must not stop the others or the sync.
      try {
        (listener as (payload: BridgeEvents[E]) => void)(payload);
      } catch {
        /* the transport's problem, not the sync's */
      }
    }
  }
}
