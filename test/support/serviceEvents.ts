// Waiting on the service's events in tests: the event is the condition, no sleeping.
import type { BridgeEvents, EventName } from '../../src/shared/bridge';
import type { EnlightService } from '../../src/main/service';

/** Resolves with the first event of that name the predicate accepts. */
export function nextEvent<E extends EventName>(service: EnlightService, event: E, accept: (payload: BridgeEvents[E]) => boolean = () => true): Promise<BridgeEvents[E]> {
  return new Promise((resolve) => {
    const off = service.events.on(event, (payload) => {
      if (!accept(payload)) return;
      off();
      resolve(payload);
    });
  });
}
