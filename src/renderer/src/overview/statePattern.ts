// Each enrollment state has a pattern as well as a colour, so the split bars and their legend can
// be told apart without seeing colour: active plain, completed striped, expired dotted, cancelled
// cross-hatched. The legend's CSS (OverviewPage.css) draws the same patterns.
import type { EnrollmentState } from '../../../shared/bridge';

/** A fill for canvas drawing: the colour, overlaid with the state's pattern in the background colour. */
export function statePattern(ctx: CanvasRenderingContext2D, state: EnrollmentState, colour: string, background: string, pixelRatio: number): CanvasPattern | string {
  if (state === 'active') return colour;
  const size = Math.round(8 * pixelRatio);
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const t = tile.getContext('2d');
  if (!t) return colour;
  t.fillStyle = colour;
  t.fillRect(0, 0, size, size);
  t.strokeStyle = background;
  t.fillStyle = background;
  t.lineWidth = 1.5 * pixelRatio;
  const line = (x0: number, y0: number, x1: number, y1: number) => {
    t.beginPath();
    t.moveTo(x0, y0);
    t.lineTo(x1, y1);
    t.stroke();
  };
  if (state === 'completed' || state === 'cancelled') {
    // Diagonals drawn past the tile's corners so they join across tiles.
    line(-1, size + 1, size + 1, -1);
    line(-1, 1, 1, -1);
    line(size - 1, size + 1, size + 1, size - 1);
  }
  if (state === 'cancelled') {
    line(-1, -1, size + 1, size + 1);
    line(size - 1, -1, size + 1, 1);
    line(-1, size - 1, 1, size + 1);
  }
  if (state === 'expired') {
    t.beginPath();
    t.arc(size / 2, size / 2, 1.6 * pixelRatio, 0, Math.PI * 2);
    t.fill();
  }
  return ctx.createPattern(tile, 'repeat') ?? colour;
}
