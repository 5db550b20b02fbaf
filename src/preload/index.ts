// The renderer's only door to the back end: window.enlight = { invoke, on }. Nothing else is exposed.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('enlight', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('enlight:invoke', name, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(`enlight:event:${event}`, wrapped);
    return () => ipcRenderer.removeListener(`enlight:event:${event}`, wrapped);
  },
});
