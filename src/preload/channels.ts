// The IPC channel names, shared by the preload and the main side. No runtime imports: a sandboxed
// preload can load only what is bundled into it, and bridge.ts would drag zod in with it.
import type { EventName } from '../shared/bridge';

export const INVOKE_CHANNEL = 'enlight:invoke';

export function eventChannel(event: EventName): string {
  return `enlight:event:${event}`;
}

/** The same list as EVENT_NAMES in bridge.ts (a test holds them equal; the type below, complete). */
export const PRELOAD_EVENT_NAMES = ['sync:progress', 'sync:status', 'data:changed', 'app:state', 'connection:changed', 'outbox:changed'] as const satisfies readonly EventName[];

// Fails to compile when bridge.ts gains an event this list lacks.
type Missing = Exclude<EventName, (typeof PRELOAD_EVENT_NAMES)[number]>;
const _complete: [Missing] extends [never] ? true : Missing = true;
void _complete;
