// The one IPC handler of the app (channel `enlight:invoke`): a call is answered only for a frame
// showing the app itself, then checked and run exactly as the web host does (dispatchCall).
// Pure: the Electron glue hands it the sender frame's URL, so it is tested without Electron.
import type { BridgeHandlers, BridgeResult } from '../../shared/bridge';
import { dispatchCall } from '../dispatchCall';
import { isSameOrigin } from './appOrigin';

export interface IpcDispatcherOptions {
  handlers: BridgeHandlers;
  /** The origin the renderer is served from: app://enlight, or the dev server's. */
  appOrigin: string;
  log?: (line: string) => void;
}

/** (sender frame URL, call name, input) → the answer as plain data. Never throws. */
export type IpcDispatcher = (senderFrameUrl: string | undefined | null, name: unknown, input: unknown) => Promise<BridgeResult>;

export function createIpcDispatcher(options: IpcDispatcherOptions): IpcDispatcher {
  return async (senderFrameUrl, name, input) => {
    // A frame that navigated somewhere else (or an injected iframe) gets nothing, not even a hint.
    if (!isSameOrigin(senderFrameUrl, options.appOrigin)) {
      return { ok: false, error: { code: 'forbidden', message: 'This page is not part of Enlight Admin, so it cannot use the app.' } };
    }
    const outcome = await dispatchCall(options.handlers, name, input, { log: options.log });
    return outcome.result;
  };
}
