// Which words go with a failure's code: the guidance (what to do) and how its details are
// introduced, apart from FailureMessage.tsx so that they can be checked without a window.
import type { MessageKey } from '../i18n/createI18n';

const GUIDANCE: Record<string, MessageKey> = {
  auth: 'error.auth',
  forbidden: 'error.forbidden',
  'bad-url': 'error.bad-url',
  network: 'error.network',
  timeout: 'error.timeout',
  'rate-limited': 'error.rate-limited',
  server: 'error.server',
  validation: 'error.validation',
  storage: 'error.storage',
};

/** Failures that happened on this computer: their words are not the server's. */
const LOCAL = new Set(['storage', 'internal', 'unknown-call']);

/** What to do about a failure of this code, if anything is known, and how its details are introduced. */
export function failureKeys(code: string): { guidance: MessageKey | undefined; details: MessageKey } {
  return { guidance: GUIDANCE[code], details: LOCAL.has(code) ? 'error.localDetails' : 'error.details' };
}

