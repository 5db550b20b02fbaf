// A chart saved as a picture: its title, the drawn chart and (for split bars) the legend on the
// theme's background, so the PNG reads on its own outside the app.
import type { ChartTheme } from './chartTheme';

export interface PngLegendEntry {
  label: string;
  fill(ctx: CanvasRenderingContext2D): CanvasPattern | string;
}

export function chartPng(chart: HTMLCanvasElement, title: string, legend: PngLegendEntry[], theme: ChartTheme, pixelRatio: number): Promise<Blob> {
  const r = pixelRatio;
  const pad = 16 * r;
  const titleHeight = 30 * r;
  const legendHeight = legend.length ? 28 * r : 0;
  const canvas = document.createElement('canvas');
  canvas.width = chart.width + 2 * pad;
  canvas.height = pad + titleHeight + chart.height + legendHeight + pad;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('This window cannot draw pictures (no 2D canvas).'));

  ctx.fillStyle = theme.surface;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const family = theme.font.replace(/^\d+px\s*/, '');
  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'top';
  ctx.font = `600 ${16 * r}px ${family}`;
  ctx.fillText(title, pad, pad);
  ctx.drawImage(chart, pad, pad + titleHeight);

  ctx.font = `${13 * r}px ${family}`;
  ctx.textBaseline = 'middle';
  let x = pad;
  const y = pad + titleHeight + chart.height + legendHeight / 2;
  for (const entry of legend) {
    const swatch = 12 * r;
    ctx.fillStyle = entry.fill(ctx);
    ctx.fillRect(x, y - swatch / 2, swatch, swatch);
    ctx.fillStyle = theme.text;
    ctx.fillText(entry.label, x + swatch + 6 * r, y);
    x += swatch + 6 * r + ctx.measureText(entry.label).width + 18 * r;
  }

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded as PNG.'))), 'image/png'),
  );
}
