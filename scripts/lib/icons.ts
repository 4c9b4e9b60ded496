/**
 * Checks the two icons against Teams' rules: the colour icon is 192×192; the outline icon is
 * 32×32 with a transparent background and only white pixels.
 */
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes a pixel, row by row. */
  readonly data: Buffer;
}

export function decodePng(bytes: Buffer): DecodedPng {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

/** Problems with the icons, in words; empty when both follow the rules. */
export function checkIcons(colorPng: Buffer, outlinePng: Buffer): string[] {
  const problems: string[] = [];
  let color: DecodedPng;
  let outline: DecodedPng;
  try {
    color = decodePng(colorPng);
  } catch (e) {
    return [`color.png is not a readable PNG: ${(e as Error).message}`];
  }
  try {
    outline = decodePng(outlinePng);
  } catch (e) {
    return [`outline.png is not a readable PNG: ${(e as Error).message}`];
  }
  if (color.width !== COLOR_ICON_SIZE || color.height !== COLOR_ICON_SIZE) {
    problems.push(`color.png must be ${COLOR_ICON_SIZE}×${COLOR_ICON_SIZE} pixels, not ${color.width}×${color.height}`);
  }
  if (outline.width !== OUTLINE_ICON_SIZE || outline.height !== OUTLINE_ICON_SIZE) {
    problems.push(`outline.png must be ${OUTLINE_ICON_SIZE}×${OUTLINE_ICON_SIZE} pixels, not ${outline.width}×${outline.height}`);
  }
  let transparent = 0;
  let visible = 0;
  let coloured = 0;
  for (let i = 0; i < outline.data.length; i += 4) {
    const alpha = outline.data[i + 3] as number;
    if (alpha === 0) {
      transparent++;
      continue;
    }
    visible++;
    if (outline.data[i] !== 255 || outline.data[i + 1] !== 255 || outline.data[i + 2] !== 255) coloured++;
  }
  if (transparent === 0) problems.push('outline.png must have a transparent background');
  if (visible === 0) problems.push('outline.png is fully transparent: it shows nothing');
  if (coloured > 0) problems.push(`outline.png must use only white (#FFFFFF); ${coloured} visible pixels are another colour`);
  return problems;
}
