import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  readonly items: readonly T[];
  /** Every row has this height in CSS pixels (the list computes positions from it). */
  readonly rowHeight: number;
  readonly getKey: (item: T) => string;
  /** Renders one row's content; put one focusable control in it (the list moves focus between rows). */
  readonly renderRow: (item: T, index: number) => ReactNode;
  readonly label: string;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
  readonly overscan?: number;
  /** When this changes (a new search), the list starts again from the top. */
  readonly resetKey?: string;
}

/**
 * A windowed list: only the rows in view (plus `overscan`) are in the DOM, positioned inside a spacer
 * as tall as all rows, so thousands of contacts scroll as cheaply as thirty. Arrow keys, Home and End
 * move focus between rows, scrolling as needed.
 */
export function VirtualList<T>({ items, rowHeight, getKey, renderRow, label, overscan = 8, resetKey = '' }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const focusAfterRender = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (element === null) return undefined;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new search shows its best matches: from the top, not from where the last one was scrolled to.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (element === null) return;
    element.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  // A shorter list (a sync removed contacts) may leave the old scroll position past its end.
  useEffect(() => {
    const element = viewport.current;
    if (element !== null && element.scrollTop > items.length * rowHeight) element.scrollTop = 0;
  }, [items.length, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  // A row scrolled into view by the keyboard is rendered first, then focused.
  useEffect(() => {
    const index = focusAfterRender.current;
    if (index !== null && focusRow(viewport.current, index)) focusAfterRender.current = null;
  });

  const moveFocus = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const element = viewport.current;
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (element === null || row === null || items.length === 0) return;
      const current = Number(row.dataset['index']);
      const perPage = Math.max(1, Math.floor(element.clientHeight / rowHeight) - 1);
      const targets: Record<string, number> = {
        ArrowDown: current + 1,
        ArrowUp: current - 1,
        PageDown: current + perPage,
        PageUp: current - perPage,
        Home: 0,
        End: items.length - 1,
      };
      const target = targets[event.key];
      if (target === undefined) return;
      event.preventDefault();
      const index = Math.min(items.length - 1, Math.max(0, target));
      const top = index * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
      if (!focusRow(element, index)) focusAfterRender.current = index;
      setScrollTop(element.scrollTop);
    },
    [items.length, rowHeight],
  );

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index] as T;
    rows.push(
      <div
        key={getKey(item)}
        role="listitem"
        aria-setsize={items.length}
        aria-posinset={index + 1}
        data-index={index}
        className="virtual-row"
        style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
      >
        {renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="virtual-viewport"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={moveFocus}
    >
      <div role="list" aria-label={label} className="virtual-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}

/** Focuses the control in row `index` if that row is rendered; says whether it was. */
function focusRow(viewport: HTMLElement | null, index: number): boolean {
  const control = viewport?.querySelector<HTMLElement>(`[data-index="${index}"] button, [data-index="${index}"] a`);
  control?.focus();
  return control != null;
}
