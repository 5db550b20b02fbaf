// One detail call's answer for a pane, read again when the back end says the record changed
// (an edit, a bulk change, a sync), so an open pane never shows what the grid no longer does.
import { useEffect, useState } from 'react';
import type { BridgeFailure, CallInput, CallName, CallOutput, GridResource } from '../../../../shared/bridge';
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
  const [version, setVersion] = useState(0);

  useEffect(() => {
    // A student's or a group's pane lists enrollments, so a change to any enrollment may show there.
    const listsEnrollments = resource === 'students' || resource === 'groups';
    return bridge.on('data:changed', (change) => {
      const mine = change.resource === resource && (!change.ids || change.ids.includes(id));
      if (mine || (listsEnrollments && change.resource === 'enrollments')) setVersion((v) => v + 1);
    });
  }, [resource, id]);

  useEffect(() => {
    let current = true;
    bridge.invoke(call, { id } as CallInput<K>).then(
      (data) => current && setState({ id, data, failure: null }),
      (error: unknown) => current && setState({ id, data: undefined, failure: toFailure(error) }),
    );
    return () => {
      current = false;
    };
  }, [call, id, version]);

  return state.id === id ? state : { data: undefined, failure: null };
}
