// The choices of one page filter, read from the local copy: each record's id and the name a person
// knows it by, sorted by that name.
import type { EnlightBridge } from '../../../shared/bridge';
import { recordLabel } from '../records/recordLabel';

export type PickerResource = 'groups' | 'users' | 'courses';

export interface PickerOption {
  id: string;
  label: string;
}

/** More than this many and the picker offers a search instead of one long list. */
export const PICKER_LIMIT = 500;

const SORT: Record<PickerResource, { column: string }[]> = {
  groups: [{ column: 'name' }],
  courses: [{ column: 'name' }],
  users: [{ column: 'given_name' }, { column: 'family_name' }],
};


export async function pickerOptions(bridge: EnlightBridge, resource: PickerResource, search: string): Promise<{ options: PickerOption[]; total: number }> {
  const window = await bridge.invoke(`${resource}.query`, { sort: SORT[resource], search: search.trim() || undefined, offset: 0, limit: PICKER_LIMIT });
  return {
    options: window.rows.filter((row) => row['id'] !== undefined && row['id'] !== null).map((row) => ({ id: String(row['id']), label: recordLabel(resource, row) })),
    total: window.total,
  };
}
