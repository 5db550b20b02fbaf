// Whatever a bridge call rejected with, as the code and message the screens show. Both transports
// reject with something carrying the service's BridgeFailure fields; anything else still yields a
// readable message rather than "[object Object]".
import type { BridgeFailure } from '../../../shared/bridge';

export function toFailure(error: unknown): BridgeFailure {
  if (typeof error === 'object' && error !== null) {
    const fields = error as Partial<Record<keyof BridgeFailure, unknown>>;
    const failure: BridgeFailure = {
      code: typeof fields.code === 'string' ? fields.code : 'other',
      message: typeof fields.message === 'string' && fields.message !== '' ? fields.message : String(error),
    };
    if (isFieldErrors(fields.fieldErrors)) failure.fieldErrors = fields.fieldErrors;
    return failure;
  }
  return { code: 'other', message: String(error) };
}

function isFieldErrors(value: unknown): value is Record<string, string[]> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((messages) => Array.isArray(messages) && messages.every((m) => typeof m === 'string'))
  );
}
