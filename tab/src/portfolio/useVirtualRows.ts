/**
 * The grid's rows as one virtual list (group headings are rows too), with a roving tab stop:
 * arrow keys move between item rows, Enter opens one, and the focused row is always kept
 * rendered, so focus never sits on a row that scrolled away and was unmounted.
 */
import { type Range, defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type RefObject, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { GroupBy, ItemGroup, WorkItemView } from './types';

export type GridRow =
  | { readonly kind: 'group'; readonly key: string; readonly label: string; readonly count: number }
  | { readonly kind: 'item'; readonly key: string; readonly item: WorkItemView };

/** Groups as heading rows, each followed by its items; without grouping, just the items. */
export function flattenGroups(groups: readonly ItemGroup[], groupBy: GroupBy): GridRow[] {
  const rows: GridRow[] = [];
  for (const g of groups) {
    if (groupBy !== 'none') rows.push({ kind: 'group', key: `group:${g.key}`, label: g.label, count: g.items.length });
    for (const item of g.items) rows.push({ kind: 'item', key: item.id, item });
  }
  return rows;
}

// Row heights before measuring; real heights are measured as rows render.
const ITEM_HEIGHT = 41;
const GROUP_HEIGHT = 48;
/** Rows rendered beyond each edge, so fast scrolling rarely shows blank space. */
const OVERSCAN = 10;
const PAGE_STEP = 10;

interface Options {
  readonly rows: readonly GridRow[];
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  /** The sticky header: the list starts below it, and rows scrolled to stop below it. */
  readonly headerRef: RefObject<HTMLTableSectionElement | null>;
  onOpen(item: WorkItemView): void;
}

export function useVirtualRows({ rows, scrollRef, headerRef, onOpen }: Options) {
  const [headerHeight, setHeaderHeight] = useState(0);
  useLayoutEffect(() => setHeaderHeight(headerRef.current?.offsetHeight ?? 0), [headerRef]);

  const [activeKey, setActiveKey] = useState<string>();
  const activeIndex = useMemo(() => {
    const found = activeKey === undefined ? -1 : rows.findIndex((r) => r.key === activeKey);
    return found >= 0 ? found : rows.findIndex((r) => r.kind === 'item');
  }, [rows, activeKey]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? GROUP_HEIGHT : ITEM_HEIGHT),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: OVERSCAN,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    // The tab stop stays mounted wherever the list is scrolled.
    rangeExtractor: useCallback(
      (range: Range) => {
        const indexes = defaultRangeExtractor(range);
        return activeIndex < 0 || indexes.includes(activeIndex) ? indexes : [...indexes, activeIndex].sort((a, b) => a - b);
      },
      [activeIndex],
    ),
  });

  // Latest values for the stable handlers below, so memoised rows need not re-render.
  const latest = useRef({ rows, onOpen });
  latest.current = { rows, onOpen };

  /** A row key to focus once it has rendered. */
  const pendingFocus = useRef<string>(undefined);
  /** The row that last had focus while focus stayed in the grid. */
  const focusedKey = useRef<string>(undefined);

  const focusIndex = useCallback(
    (index: number) => {
      const row = latest.current.rows[index];
      if (!row) return;
      pendingFocus.current = row.key;
      setActiveKey(row.key);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [virtualizer],
  );

  useEffect(() => {
    const key = pendingFocus.current;
    if (key === undefined) return;
    const index = rows.findIndex((r) => r.key === key);
    const el = scrollRef.current?.querySelector<HTMLElement>(`tbody [data-index="${index}"]`);
    if (!el) return;
    pendingFocus.current = undefined;
    el.focus({ preventScroll: true });
  });

  // A filter or sort can remove the focused row; then focus moves to the row now active.
  useEffect(() => {
    if (focusedKey.current === undefined || document.activeElement !== document.body) return;
    if (activeIndex >= 0) focusIndex(activeIndex);
  }, [rows, activeIndex, focusIndex]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
      if (event.target !== event.currentTarget) return;
      const current = latest.current.rows;
      const row = current[index];
      const step = (from: number, by: number): number => {
        let target = index;
        let moved = 0;
        for (let i = from; i >= 0 && i < current.length && moved < Math.abs(by); i += Math.sign(by)) {
          if (current[i]?.kind === 'item') {
            target = i;
            moved += 1;
          }
        }
        return target;
      };
      let target: number | undefined;
      switch (event.key) {
        case 'ArrowDown':
          target = step(index + 1, 1);
          break;
        case 'ArrowUp':
          target = step(index - 1, -1);
          break;
        case 'PageDown':
          target = step(index + 1, PAGE_STEP);
          break;
        case 'PageUp':
          target = step(index - 1, -PAGE_STEP);
          break;
        case 'Home':
          target = step(0, 1);
          break;
        case 'End':
          target = step(current.length - 1, -1);
          break;
        case 'Enter':
          if (row?.kind === 'item') {
            event.preventDefault();
            latest.current.onOpen(row.item);
          }
          return;
        default:
          return;
      }
      event.preventDefault();
      focusIndex(target);
    },
    [focusIndex],
  );

  /** Stable, so memoised rows need not re-render when the page passes a new callback. */
  const openItem = useCallback((item: WorkItemView) => latest.current.onOpen(item), []);

  const onFocusRow = useCallback((index: number) => {
    const row = latest.current.rows[index];
    if (!row) return;
    focusedKey.current = row.key;
    setActiveKey(row.key);
  }, []);

  /** Focus left the grid for somewhere else on the page (not a row being unmounted). */
  const onBlurGrid = useCallback((next: Element | null) => {
    if (next !== null && !scrollRef.current?.contains(next)) focusedKey.current = undefined;
  }, [scrollRef]);

  /** Scrolls the item's row into view and focuses it; false when the item is not shown. */
  const focusItem = useCallback(
    (itemId: string): boolean => {
      const index = latest.current.rows.findIndex((r) => r.kind === 'item' && r.item.id === itemId);
      if (index < 0) return false;
      focusIndex(index);
      return true;
    },
    [focusIndex],
  );

  return { virtualizer, activeIndex, onKeyDown, onFocusRow, onBlurGrid, focusItem, openItem };
}
