// Saved grid views and column layouts, per resource, in the account's database. What is read back
// is checked with the same schemas the bridge checks on the way in: a row written by another
// version of the app that no longer fits is dropped rather than handed to the grid.
import { z } from 'zod';
import { callInputs, type ColumnLayout, type GridResource, type SavedView } from '../../shared/bridge';
import type { MirrorStore } from './MirrorStore';

const savedView = callInputs['views.save'].shape.view;
const columnLayout = callInputs['layout.set'].shape.layout;

export class SavedViews {
  constructor(
    private readonly store: MirrorStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The resource's views, by name (case aside). */
  list(resource: GridResource): SavedView[] {
    const rows = this.store.statement(`SELECT name, json FROM saved_views WHERE resource = ? ORDER BY name COLLATE NOCASE, name`).all(resource) as { name: string; json: string }[];
    const views: SavedView[] = [];
    for (const row of rows) {
      const view = parse(savedView, row.json);
      if (view) views.push({ ...view, filters: view.filters });
      else this.store.statement(`DELETE FROM saved_views WHERE resource = ? AND name = ?`).run(resource, row.name);
    }
    return views;
  }

  /** Saves the view, replacing one of the same name (case aside); returns the resource's views. */
  save(resource: GridResource, input: z.input<typeof savedView>): SavedView[] {
    const view = savedView.parse(input);
    this.store
      .statement(
        `INSERT INTO saved_views (resource, name, json, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (resource, name) DO UPDATE SET name = excluded.name, json = excluded.json, saved_at = excluded.saved_at`,
      )
      .run(resource, view.name, JSON.stringify(view), new Date(this.now()).toISOString());
    return this.list(resource);
  }

  /** Deletes the view of that name (case aside), if there is one; returns the resource's views. */
  delete(resource: GridResource, name: string): SavedView[] {
    this.store.statement(`DELETE FROM saved_views WHERE resource = ? AND name = ?`).run(resource, name.trim());
    return this.list(resource);
  }

  /** The resource's column layout, or null when none was saved (or it no longer fits). */
  layout(resource: GridResource): ColumnLayout | null {
    const row = this.store.statement(`SELECT json FROM column_layouts WHERE resource = ?`).get(resource) as { json: string } | undefined;
    if (!row) return null;
    const layout = parse(columnLayout, row.json);
    if (!layout) this.store.statement(`DELETE FROM column_layouts WHERE resource = ?`).run(resource);
    return layout;
  }

  setLayout(resource: GridResource, input: ColumnLayout): ColumnLayout {
    const layout = columnLayout.parse(input);
    this.store
      .statement(`INSERT INTO column_layouts (resource, json, saved_at) VALUES (?, ?, ?) ON CONFLICT (resource) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at`)
      .run(resource, JSON.stringify(layout), new Date(this.now()).toISOString());
    return layout;
  }
}

function parse<T>(schema: z.ZodType<T>, json: string): T | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
