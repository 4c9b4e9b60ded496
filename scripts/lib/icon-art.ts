/**
 * The PMO Relay glyph: two arrows side by side, one carrying strategy down, one carrying
 * signals up. Drawn from geometry (no image assets) so the icons can be regenerated and
 * reviewed as code. Used by `scripts/make-icons.ts`.
 */
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];

/** Brand blue, also the manifest's `accentColor`. */
export const ACCENT: Rgb = [0x0f, 0x6c, 0xbd];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const AMBER: Rgb = [0xff, 0xc8, 0x3d];

interface Point {
  readonly x: number;
  readonly y: number;
}

const inRect = (p: Point, x0: number, y0: number, x1: number, y1: number): boolean => p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1;

function inTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
  const side = (u: Point, v: Point): number => (p.x - v.x) * (u.y - v.y) - (u.x - v.x) * (p.y - v.y);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

/** Which arrow (if any) covers a point of the unit square: `down` on the left, `up` on the right. */
export function glyphAt(p: Point): 'down' | 'up' | undefined {
  const down = inRect(p, 0.26, 0.16, 0.4, 0.6) || inTriangle(p, { x: 0.12, y: 0.55 }, { x: 0.54, y: 0.55 }, { x: 0.33, y: 0.86 });
  if (down) return 'down';
  const up = inRect(p, 0.6, 0.4, 0.74, 0.84) || inTriangle(p, { x: 0.46, y: 0.45 }, { x: 0.88, y: 0.45 }, { x: 0.67, y: 0.14 });
  return up ? 'up' : undefined;
}

const SAMPLES = 4;

/** Fraction of a pixel covered by each arrow, by supersampling (smooth edges without a rasteriser). */
function coverage(px: number, py: number, size: number, inset: number): { down: number; up: number } {
  let down = 0;
  let up = 0;
  const span = size - 2 * inset;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES - inset) / span;
      const y = (py + (sy + 0.5) / SAMPLES - inset) / span;
      const hit = glyphAt({ x, y });
      if (hit === 'down') down++;
      else if (hit === 'up') up++;
    }
  }
  const n = SAMPLES * SAMPLES;
  return { down: down / n, up: up / n };
}

const mix = (a: number, b: number, t: number): number => Math.round(a + (b - a) * t);

/** 192×192 full-colour icon: the glyph in white and amber on the brand blue. */
export function drawColorIcon(size = 192): Buffer {
  const png = new PNG({ width: size, height: size });
  const inset = Math.round(size * 0.19); // keep the glyph inside Teams' safe area
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, inset);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) {
        const base = ACCENT[k] as number;
        // The arrows never overlap, so blending one after the other is exact.
        png.data[i + k] = mix(mix(base, WHITE[k] as number, c.down), AMBER[k] as number, c.up);
      }
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** 32×32 outline icon: white glyph on a transparent background, as Teams requires. */
export function drawOutlineIcon(size = 32): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, 1);
      const alpha = Math.round(255 * Math.min(1, c.down + c.up));
      const i = (y * size + x) * 4;
      // Every visible pixel is pure white; only its opacity varies at the edges.
      const v = alpha > 0 ? 255 : 0;
      png.data[i] = v;
      png.data[i + 1] = v;
      png.data[i + 2] = v;
      png.data[i + 3] = alpha;
    }
  }
  return PNG.sync.write(png);
}
