/**
 * Returns focus to whatever opened a dialog or drawer once it closes. Fluent restores focus for
 * a surface opened through its own `DialogTrigger`; one opened from state (a toolbar button, a
 * form's submit) leaves focus on `<body>` when it closes, and keyboard users lose their place.
 */
import { useLayoutEffect, useRef } from 'react';

/** How long a closing surface may take to leave (its exit motion), at most. */
const SETTLE_MS = 1000;

/**
 * Watches focus frame by frame until the closing surface has gone: focus that falls to `<body>`
 * goes back to `opener`; focus the user (or a newly opened surface) placed elsewhere stays.
 */
function returnFocusWhenLost(opener: HTMLElement): () => void {
  const until = performance.now() + SETTLE_MS;
  let frame = 0;
  const check = () => {
    const active = document.activeElement;
    if (active === null || active === document.body) {
      if (opener.isConnected) opener.focus();
      return;
    }
    // Still inside a dialog: the one closing, or one that opened instead; wait and see.
    if (active.closest('[role="dialog"], [role="alertdialog"]') && performance.now() < until) frame = requestAnimationFrame(check);
  };
  frame = requestAnimationFrame(check);
  return () => cancelAnimationFrame(frame);
}

export function useRestoreFocus(open: boolean): void {
  const opener = useRef<HTMLElement | null>(null);
  // A layout effect: it runs before the surface's own effect moves focus inside it.
  useLayoutEffect(() => {
    if (open) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      return undefined;
    }
    const back = opener.current;
    opener.current = null;
    return back ? returnFocusWhenLost(back) : undefined;
  }, [open]);
}
