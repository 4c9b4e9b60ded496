/**
 * Where keyboard focus goes when the portfolio changes under it (a heatmap cell opens the grid,
 * the EPMO drills from the roll-up into a domain and back): the control that was focused is
 * gone, and focus left on `<body>` would send a keyboard user back to the top of the tab.
 */

/** Focuses what `find` returns as soon as it is on the page (routes and lazy views render a few frames later). */
export function focusWhenShown(find: () => HTMLElement | null | undefined, frames = 120): void {
  const attempt = (left: number): void => {
    const target = find();
    if (target) {
      // Headings are not focusable by default; -1 lets a script focus them without adding a tab stop.
      if (!target.hasAttribute('tabindex') && !target.matches('a[href], button, input, select, textarea')) target.setAttribute('tabindex', '-1');
      target.focus();
      return;
    }
    if (left > 0) window.requestAnimationFrame(() => attempt(left - 1));
  };
  window.requestAnimationFrame(() => attempt(frames));
}

/** The page's one heading, when it says `text` (so an earlier page's heading is not taken). */
export const pageHeading = (text: string): HTMLElement | null => {
  const h1 = document.querySelector<HTMLElement>('h1');
  return h1?.textContent === text ? h1 : null;
};

/** The domain the EPMO last drilled into from the roll-up, so focus can return to it there. */
let drilledFrom: { readonly domainId: string; arriving: boolean } | undefined;

export const rememberDrillDown = (domainId: string): void => {
  drilledFrom = { domainId, arriving: true };
};

/** True once, on arriving at the domain drilled into from the roll-up. */
export function arrivedByDrillDown(domainId: string): boolean {
  if (drilledFrom?.domainId !== domainId || !drilledFrom.arriving) return false;
  drilledFrom.arriving = false;
  return true;
}

/** The domain to focus on coming back to the roll-up, once. */
export function returningFrom(): string | undefined {
  const id = drilledFrom?.domainId;
  drilledFrom = undefined;
  return id;
}
