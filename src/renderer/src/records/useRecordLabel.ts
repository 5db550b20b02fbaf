// The name of one record, read from the local copy, for a chip or a picker that holds only its id.
import { useEffect, useState } from 'react';
import type { GridResource } from '../../../shared/bridge';
import { bridge } from '../state/stores';
import { recordLabel } from './recordLabel';

/** The record's label, or null while it is read or when there is no such record here. */
export function useRecordLabel(resource: GridResource | undefined, id: string | null | undefined): string | null {
  const [label, setLabel] = useState<{ key: string; text: string | null } | null>(null);
  const key = `${resource}/${id}`;
  useEffect(() => {
    if (!resource || !id) return;
    let current = true;
    bridge.invoke('records.get', { resource, id }).then(
      (row) => current && setLabel({ key, text: row ? recordLabel(resource, row) : null }),
      () => current && setLabel({ key, text: null }),
    );
    return () => {
      current = false;
    };
  }, [resource, id, key]);
  return label?.key === key ? label.text : null;
}
