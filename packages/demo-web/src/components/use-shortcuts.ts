import { useEffect } from 'react';

/** The app's keyboard shortcuts, each a key and what it does (shown by "?"). */
export const SHORTCUTS = [
  ['/', 'Search'],
  ['n', 'New contact'],
  ['e', 'Edit the open contact'],
  ['?', 'Show or hide these shortcuts'],
] as const;

export type ShortcutKey = (typeof SHORTCUTS)[number][0];

/**
 * Calls `onKey` for a shortcut key pressed outside any text field (typing is never taken over) and
 * without a modifier (the browser's and the system's own shortcuts stay theirs).
 */
export function useShortcuts(onKey: (key: ShortcutKey) => boolean): void {
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const shortcut = SHORTCUTS.find(([key]) => key === event.key);
      if (shortcut !== undefined && onKey(shortcut[0])) event.preventDefault();
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [onKey]);
}
