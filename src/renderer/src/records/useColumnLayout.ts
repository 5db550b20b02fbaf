// A grid's column layout for the open account: read once with `layout.get`, and written back with
// `layout.set` shortly after the last change (a drag that resizes a column changes it many times
// a second; one save is enough), and at once when the page closes with a change still unsaved.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeFailure, ColumnLayout, GridResource } from '../../../shared/bridge';
import { DEFAULT_LAYOUT } from '../grid/columnLayout';
import { bridge, stores } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { savableLayout } from './layoutEdits';

const SAVE_AFTER_MS = 400;

export interface ColumnLayoutState {
  /** Null until the saved layout has been read. */
  layout: ColumnLayout | null;
  setLayout(layout: ColumnLayout): void;
  failure: BridgeFailure | null;
}

export function useColumnLayout(resource: GridResource): ColumnLayoutState {
  const [layout, setLayoutState] = useState<ColumnLayout | null>(null);
  const [failure, setFailure] = useState<BridgeFailure | null>(null);
  const unsaved = useRef<ColumnLayout | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const save = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = unsaved.current;
    unsaved.current = null;
    if (!next) return;
    bridge.invoke('layout.set', { resource, layout: savableLayout(next) }).then(
      () => setFailure(null),
      (error: unknown) => setFailure(toFailure(error)),
    );
  }, [resource]);

  useEffect(() => {
    let current = true;
    bridge.invoke('layout.get', { resource }).then(
      (saved) => current && setLayoutState(saved ?? DEFAULT_LAYOUT),
      (error: unknown) => {
        if (!current) return;
        // The grid still opens, with its default columns; the message says the saved ones were not read.
        setLayoutState(DEFAULT_LAYOUT);
        setFailure(toFailure(error));
      },
    );
    const account = stores.app.getState().app?.current?.name;
    return () => {
      current = false;
      // The page also closes when another account is opened; this layout is not that account's.
      if (stores.app.getState().app?.current?.name === account) save();
      else if (timer.current) clearTimeout(timer.current);
    };
  }, [resource, save]);

  const setLayout = useCallback(
    (next: ColumnLayout) => {
      setLayoutState(next);
      unsaved.current = next;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(save, SAVE_AFTER_MS);
    },
    [save],
  );

  return { layout, setLayout, failure };
}
