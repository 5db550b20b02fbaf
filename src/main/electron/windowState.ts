// Where the window was, kept in the data folder, and put back only where a person can still
// reach it: a display unplugged since, or a resolution that shrank, must not leave the window
// off-screen. Pure apart from the file, so it is tested without Electron.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 800, height: 500 };
/** How much of the window must lie on a display for it to be grabbed and moved back: a title bar's worth. */
const MIN_VISIBLE = { width: 120, height: 40 };

const rectangle = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
const stateFile = z.object({ bounds: rectangle, maximized: z.boolean().default(false) });

export const WINDOW_STATE_FILE = 'window-state.json';

/**
 * The bounds to open the window with, given the saved ones (if any) and the work areas of the
 * displays now attached (the first is the primary). A window that would be mostly off every
 * display is centred on the primary one; one larger than its display is shrunk to fit.
 */
export function clampToVisibleDisplay(saved: Rectangle | undefined, workAreas: readonly Rectangle[]): Rectangle {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const centred = (size: { width: number; height: number }, area: Rectangle): Rectangle => {
    const width = Math.min(size.width, area.width);
    const height = Math.min(size.height, area.height);
    return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
  };
  if (!saved) return centred(DEFAULT_SIZE, primary);

  const size = { width: Math.max(saved.width, MIN_SIZE.width), height: Math.max(saved.height, MIN_SIZE.height) };
  let best: { area: Rectangle; visible: number } | undefined;
  for (const area of workAreas) {
    const w = overlap(saved.x, saved.x + size.width, area.x, area.x + area.width);
    const h = overlap(saved.y, saved.y + size.height, area.y, area.y + area.height);
    if (w >= MIN_VISIBLE.width && h >= MIN_VISIBLE.height && (!best || w * h > best.visible)) best = { area, visible: w * h };
  }
  if (!best) return centred(size, primary);

  // On a display it mostly is: shrink to the display, then slide fully onto it.
  const { area } = best;
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** The saved state, or undefined when there is none or the file is damaged (the window then opens at its default place). */
export function readWindowState(dataDir: string): WindowState | undefined {
  try {
    const parsed = stateFile.safeParse(JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeWindowState(dataDir: string, state: WindowState): void {
  const checked = stateFile.parse({ bounds: roundRect(state.bounds), maximized: state.maximized });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, WINDOW_STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checked)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

function roundRect(r: Rectangle): Rectangle {
  return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
}
