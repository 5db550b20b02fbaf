// The error for a request its caller gave up on (an aborted AbortSignal).
import { EnlightError } from '../../shared/errors';

/** A request given up by its caller; an AbortSignal.timeout() reads as a timeout. */
export function cancelled(signal: AbortSignal | undefined, endpoint?: string): EnlightError {
  const reason: unknown = signal?.reason;
  const what = endpoint ?? 'The request';
  if (reason instanceof DOMException && reason.name === 'TimeoutError') {
    return new EnlightError({ code: 'timeout', endpoint, message: `${what} was stopped because it took longer than allowed. Try again later.` });
  }
  return new EnlightError({ code: 'cancelled', endpoint, message: `${what} was cancelled.` });
}
