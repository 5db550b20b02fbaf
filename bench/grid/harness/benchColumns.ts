// What both grids show and how they are asked: the students grid's own columns, header texts and
// widths, sorted and filtered on family name.
import { GRID_COLUMNS } from '../../../src/renderer/src/grid/gridColumns';
import { createI18n } from '../../../src/renderer/src/i18n/createI18n';

export const RESOURCE = 'students';
/** Every column the students grid offers (our grid takes them all, with the default layout). */
export const COLUMNS = GRID_COLUMNS[RESOURCE];
/** The ones the default layout shows, each at its default width: what AG Grid is given. */
export const SHOWN_COLUMNS = COLUMNS.filter((c) => !c.hiddenByDefault);
/** The column the sort header and the filter box work on. */
export const SORT_AND_FILTER_COLUMN = 'family_name';

const i18n = createI18n('en');
export const headerText = (key: string): string => {
  const column = COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`the students grid has no column ${key}`);
  return i18n.t(column.label);
};
