// One detail call's answer for a pane, read again when the back end says the record changed
// (an edit, a bulk change, a sync), so an open pane never shows what the grid no longer does.
import { useEffect, useState } from 'react';
import type { BridgeFailure, CallInput, CallName, CallOutput, GridResource } from '../../../../shared/bridge';
import { coalesced, REFRESH_PACE } from '../../state/coalesced';
import { bridge } from '../../state/stores';
import { toFailure } from '../../state/toFailure';

export type DetailCall = Extract<CallName, 'courses.detail' | 'students.detail' | 'enrollments.detail' | 'groups.detail'>;

export interface DetailState<T> {
  /** undefined while it is read; null when the record is not in the local copy. */
  data: T | undefined;
  failure: BridgeFailure | null;
}

export function useDetail<K extends DetailCall>(call: K, resource: GridResource, id: string): DetailState<CallOutput<K>> {
  const [state, setState] = useState<DetailState<CallOutput<K>> & { id: string }>({ id, data: undefined, failure: null });

  useEffect(() => {
    let current = true;
    // One read at a time; change events that come meanwhile (a sync sends one for every page it
    // writes) make one more, paced like the grids' refreshes.
    const read = coalesced(async () => {
      try {
        const data = await bridge.invoke(call, { id } as CallInput<K>);
        if (current) setState({ id, data, failure: null });
      } catch (error) {
        if (current) setState({ id, data: undefined, failure: toFailure(error) });
      }
    }, REFRESH_PACE);
    void read();
    // A student's or a group's pane lists enrollments, so a change to any enrollment may show there.
    const listsEnrollments = resource === 'students' || resource === 'groups';
    const off = bridge.on('data:changed', (change) => {
      const mine = change.resource === resource && (!change.ids || change.ids.includes(id));
      if (mine || (listsEnrollments && change.resource === 'enrollments')) void read();
    });
    return () => {
      current = false;
      off();
    };
  }, [call, resource, id]);

  return state.id === id ? state : { data: undefined, failure: null };
}
