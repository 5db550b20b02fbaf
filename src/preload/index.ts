// The renderer's only door to the back end: window.enlight = { invoke, on }. Nothing else is
// exposed: no ipcRenderer, no IPC event object, no channel the page can choose.
import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeFailure, BridgeResult, CallName, EnlightBridge, EventName } from '../shared/bridge';
import { eventChannel, INVOKE_CHANNEL, PRELOAD_EVENT_NAMES } from './channels';

const events: ReadonlySet<string> = new Set(PRELOAD_EVENT_NAMES);

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && events.has(name);
}

const bridge = {
  /** Resolves with the call's value; rejects with a plain BridgeFailure (an Error's fields would not survive contextBridge). */
  async invoke(name: CallName, input: unknown): Promise<unknown> {
    const result = (await ipcRenderer.invoke(INVOKE_CHANNEL, name, input)) as BridgeResult;
    if (result.ok) return result.value;
    const failure: BridgeFailure = { code: result.error.code, message: result.error.message };
    if (result.error.fieldErrors) failure.fieldErrors = result.error.fieldErrors;
    throw failure;
  },
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new TypeError(`Enlight Admin has no event named "${String(event)}".`);
    if (typeof listener !== 'function') throw new TypeError('on(event, listener) needs a function as its listener.');
    const channel = eventChannel(event);
    // The page gets the payload only, never the IpcRendererEvent (it carries `sender`, the ipcRenderer itself).
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
} as EnlightBridge;

contextBridge.exposeInMainWorld('enlight', bridge);
