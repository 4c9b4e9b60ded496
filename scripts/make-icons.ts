/**
 * Regenerates the Teams app icons: `appPackage/color.png` (192×192, full colour) and
 * `appPackage/outline.png` (32×32, white on transparent). Run: `npx tsx scripts/make-icons.ts`.
 * The PNGs are committed; rerun only when the glyph changes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './lib/icon-art';
import { checkIcons } from './lib/icons';

const dir = join(__dirname, '..', 'appPackage');
const color = drawColorIcon();
const outline = drawOutlineIcon();
const problems = checkIcons(color, outline);
if (problems.length > 0) {
  console.error(`The drawn icons break Teams' rules:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(join(dir, 'color.png'), color);
writeFileSync(join(dir, 'outline.png'), outline);
console.log(`Wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
