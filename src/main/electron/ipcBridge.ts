// Electron's side of the Bridge: the one invoke channel, answered by the dispatcher, and the
// service's events sent on to the window.
import { ipcMain, type WebContents } from 'electron';
import type { BridgeEvents, BridgeHandlers, EventName } from '../../shared/bridge';
import { eventChannel, INVOKE_CHANNEL } from '../../preload/channels';
import { createIpcDispatcher } from './ipcDispatcher';

export function registerIpcBridge(options: { handlers: BridgeHandlers; appOrigin: string; log?: (line: string) => void }): void {
  const dispatch = createIpcDispatcher(options);
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => dispatch(event.senderFrame?.url, name, input));
}

/** Sends each service event to `contents` on `enlight:event:<name>` while it lives; returns the stop function. */
export function forwardEvents(
  events: { onAny(listener: <E extends EventName>(event: E, payload: BridgeEvents[E]) => void): () => void },
  contents: WebContents,
): () => void {
  const off = events.onAny((event, payload) => {
    if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
  });
  contents.once('destroyed', off);
  return off;
}
