// The renderer's typed door to the back end. In Electron the preload has put `window.enlight` in
// place; in a browser the web transport is installed on first use. The screens never know which.
import type { BridgeEvents, BridgeFailure, CallInput, CallName, CallOutput, EnlightBridge, EventName } from '../../../shared/bridge';
import { installWebBridge } from './webBridge';

declare global {
  interface Window {
    enlight?: EnlightBridge;
  }
}

/** A failed call: the service's code and message (and field errors, for forms). */
export class BridgeError extends Error implements BridgeFailure {
  override name = 'BridgeError';
  readonly code: string;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(failure: BridgeFailure) {
    super(failure.message);
    this.code = failure.code;
    if (failure.fieldErrors) this.fieldErrors = failure.fieldErrors;
  }
}

function bridge(): EnlightBridge {
  return installWebBridge(window);
}

/** Calls the back end; rejects with a BridgeError. */
export async function invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  try {
    return await bridge().invoke(name, input);
  } catch (error) {
    throw toBridgeError(error);
  }
}

/** Listens to a back-end event; returns the function that stops listening. */
export function on<E extends EventName>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void {
  return bridge().on(event, listener);
}

/** Whatever a transport rejected with (a plain BridgeFailure, an Error), as a BridgeError. */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  if (typeof error === 'object' && error !== null) {
    const fields = error as Partial<Record<keyof BridgeFailure, unknown>>;
    if (typeof fields.message === 'string') {
      const failure: BridgeFailure = { code: typeof fields.code === 'string' ? fields.code : 'internal', message: fields.message };
      if (typeof fields.fieldErrors === 'object' && fields.fieldErrors !== null) failure.fieldErrors = fields.fieldErrors as Record<string, string[]>;
      return new BridgeError(failure);
    }
  }
  return new BridgeError({ code: 'internal', message: String(error) });
}
