import type { Cursor } from '@contactsync/core';

/**
 * The opaque cursor: the link to request next, and whether the round it belongs to is the initial
 * one (a snapshot of the whole folder) or a delta round. A nextLink is stored only inside a round;
 * the deltaLink that ends a round is the position between syncs.
 */
export interface GraphCursor {
  readonly mode: 'snapshot' | 'delta';
  readonly link: string;
}

export function encodeCursor(cursor: GraphCursor): Cursor {
  return `${cursor.mode} ${cursor.link}`;
}

/** null for a cursor this client did not write (then a new initial round starts). */
export function decodeCursor(cursor: Cursor): GraphCursor | null {
  const space = cursor.indexOf(' ');
  const mode = cursor.slice(0, space);
  const link = cursor.slice(space + 1);
  if (space < 0 || (mode !== 'snapshot' && mode !== 'delta') || link === '') return null;
  return { mode, link };
}
