// The window comes back where it was, unless that is somewhere nobody could reach it now.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clampToVisibleDisplay, DEFAULT_SIZE, readWindowState, WINDOW_STATE_FILE, writeWindowState } from '../../../src/main/electron/windowState';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('clamping to a visible display', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(clampToVisibleDisplay(undefined, [laptop])).toEqual({ x: 80, y: 63, ...DEFAULT_SIZE });
  });

  it('keeps a window that is on a display where it was', () => {
    const saved = { x: 100, y: 100, width: 1000, height: 700 };
    expect(clampToVisibleDisplay(saved, [laptop, monitorRight])).toEqual(saved);
    const onMonitor = { x: 2000, y: 200, width: 1600, height: 900 };
    expect(clampToVisibleDisplay(onMonitor, [laptop, monitorRight])).toEqual(onMonitor);
  });

  it('brings back a window left on a display that was unplugged', () => {
    const onMonitor = { x: 2000, y: 200, width: 1000, height: 700 };
    const bounds = clampToVisibleDisplay(onMonitor, [laptop]);
    expect(bounds).toEqual({ x: 220, y: 113, width: 1000, height: 700 });
  });

  it('slides a window that hangs over an edge fully onto its display', () => {
    expect(clampToVisibleDisplay({ x: 1000, y: -10, width: 1000, height: 700 }, [laptop])).toEqual({ x: 440, y: 25, width: 1000, height: 700 });
  });

  it('treats a sliver on screen as off screen', () => {
    const bounds = clampToVisibleDisplay({ x: 1400, y: 800, width: 1000, height: 700 }, [laptop]);
    expect(bounds).toEqual({ x: 220, y: 113, width: 1000, height: 700 });
  });

  it('shrinks a window larger than its display to fit', () => {
    expect(clampToVisibleDisplay({ x: 0, y: 0, width: 3000, height: 2000 }, [laptop])).toEqual(laptop);
  });

  it('never opens smaller than usable', () => {
    const bounds = clampToVisibleDisplay({ x: 10, y: 30, width: 20, height: 10 }, [laptop]);
    expect(bounds.width).toBeGreaterThanOrEqual(800);
    expect(bounds.height).toBeGreaterThanOrEqual(500);
  });

  it('uses displays left of and above the primary one (negative coordinates)', () => {
    const left = { x: -1920, y: 0, width: 1920, height: 1080 };
    const saved = { x: -1800, y: 100, width: 1200, height: 800 };
    expect(clampToVisibleDisplay(saved, [laptop, left])).toEqual(saved);
  });
});

describe('saving the window state', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('reads back what was written', () => {
    dir = mkdtempSync(join(tmpdir(), 'enlight-window-'));
    writeWindowState(dir, { bounds: { x: 10.4, y: 20, width: 900, height: 600 }, maximized: true });
    expect(readWindowState(dir)).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 600 }, maximized: true });
  });

  it('starts afresh from a missing or damaged file', () => {
    dir = mkdtempSync(join(tmpdir(), 'enlight-window-'));
    expect(readWindowState(dir)).toBeUndefined();
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": "left"}');
    expect(readWindowState(dir)).toBeUndefined();
    writeFileSync(join(dir, WINDOW_STATE_FILE), JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 10 } }));
    expect(readWindowState(dir)).toBeUndefined();
  });
});
