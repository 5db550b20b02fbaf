// Once an account has synced, the app opens on its Overview: when the window starts without a
// screen in its address, and the account's sync status (once read) has a complete sync. A screen
// already chosen (a link, a reload of a grid) is left alone, and so is a person who moved on
// before the status arrived.
import { useEffect, useRef } from 'react';
import { useSync } from '../state/hooks';
import { isBareHash } from './isBareHash';

export function useLandOnOverview(): void {
  const synced = useSync((s) => (s.status ? s.status.lastCompleteAt !== null : null));
  const decided = useRef(false);
  useEffect(() => {
    if (decided.current || synced === null) return;
    decided.current = true;
    // replace, not assign: Back should leave the app, not return to a screen nobody asked for.
    if (synced && isBareHash(window.location.hash)) window.location.replace('#/overview');
  }, [synced]);
}
