// One Bridge call from a transport (Electron IPC or the web host's HTTP), checked the same way for
// both: a known name, input that passes the call's schema, then the service. Whatever happens,
// the answer is plain data; an Error (with its stack) never crosses to the renderer.
import type { z } from 'zod';
import { callInputs, isCallName, type BridgeFailure, type BridgeHandlers, type BridgeResult, type CallName } from '../shared/bridge';
import { isEnlightError } from '../shared/errors';
import { storageProblem } from './store/storageError';

export interface DispatchOutcome {
  /** 'rejected': the call never reached the service (unknown name, bad input). */
  kind: 'done' | 'rejected';
  result: BridgeResult;
}

export interface DispatchOptions {
  /** Where unexpected failures (bugs) are written; their details stay out of the answer. */
  log?: (line: string) => void;
}

export async function dispatchCall(handlers: BridgeHandlers, name: unknown, input: unknown, options: DispatchOptions = {}): Promise<DispatchOutcome> {
  if (!isCallName(name)) {
    const shown = typeof name === 'string' ? `"${name.slice(0, 80)}"` : `a ${name === null ? 'null' : typeof name}`;
    return rejected({ code: 'unknown-call', message: `Enlight Admin has no call named ${shown}. The window and the back end may be from different versions: restart the app.` });
  }
  const parsed = callInputs[name].safeParse(input ?? {});
  if (!parsed.success) return rejected(invalidInput(name, parsed.error));
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value = await handler.call(handlers, parsed.data);
    return { kind: 'done', result: { ok: true, value } };
  } catch (error) {
    return { kind: 'done', result: { ok: false, error: toBridgeFailure(error, options.log) } };
  }
}

/** An error as the renderer may see it: the EnlightError's code and message, or a generic message for a bug. */
export function toBridgeFailure(error: unknown, log?: (line: string) => void): BridgeFailure {
  if (isEnlightError(error)) {
    const failure: BridgeFailure = { code: error.code, message: error.message };
    if (error.fieldErrors) failure.fieldErrors = error.fieldErrors;
    return failure;
  }
  // A full or failing disk is not a bug, and restarting would not help: say what it is.
  const storage = storageProblem(error);
  if (storage) return { code: 'storage', message: storage };
  log?.(`Unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { code: 'internal', message: 'Enlight Admin ran into an unexpected problem and could not finish that. Try again; if it keeps happening, restart the app.' };
}

function invalidInput(name: CallName, error: z.ZodError): BridgeFailure {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(input)';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors)
    .slice(0, 3)
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ');
  return { code: 'validation', message: `The values given to ${name} are not valid (${summary}). Correct them and try again.`, fieldErrors };
}

function rejected(error: BridgeFailure): DispatchOutcome {
  return { kind: 'rejected', result: { ok: false, error } };
}
