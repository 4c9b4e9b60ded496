/**
 * Success feedback: a short Fluent toast saying what just happened ("Saved …", "Published …").
 * One toaster for the whole tab (rendered once by the shell), so toasts from any page stack in
 * one place and a page can navigate away right after announcing without losing the message.
 * Toasts are announced politely to screen readers by Fluent's toaster.
 *
 * The toaster's code comes with the first notification, not with the page: nothing is said
 * before the user has done something, and the first download stays smaller.
 */
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';

type Show = (title: string, body?: string) => void;

const ToasterView = lazy(() => import('./toaster-view'));

/** Notifications asked for before the toaster is mounted, shown once it is. */
let show: Show | undefined;
const waiting: [string, string | undefined][] = [];
const wanted = new Set<() => void>();

function ready(next: Show): void {
  show = next;
  for (const [title, body] of waiting.splice(0)) next(title, body);
}

/** The tab's one toaster; the shell renders it once inside the FluentProvider. */
export function AppToaster() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    const want = () => setMounted(true);
    wanted.add(want);
    return () => void wanted.delete(want);
  }, []);
  return mounted ? (
    <Suspense fallback={null}>
      <ToasterView onReady={ready} />
    </Suspense>
  ) : null;
}

/** `notify(title, body?)` shows a success toast in the tab's toaster. */
export function useNotify(): Show {
  return useCallback((title: string, body?: string) => {
    if (show) return show(title, body);
    waiting.push([title, body]);
    for (const want of wanted) want();
  }, []);
}
