import type { SyncResponse, WireCategory } from './wire.js';

/**
 * What the opaque cursor holds for Yahoo: the `rev` of the last fully applied response, and the
 * category table as the replica knows it. Contacts carry category names in core, but a category
 * renamed or removed on the server does not re-send its members (§2.2 only re-sends changed
 * contacts), so the client compares tables: a rename or removal it did not make itself is answered
 * with a snapshot (`resync`).
 *
 * `former` remembers names that categories had before a rename seen in a pull, so a queued local
 * rename of "Friends" can still find the category the server now calls "Buddies".
 */
export interface CursorState {
  readonly rev: number;
  readonly categories: readonly WireCategory[];
  readonly former: readonly WireCategory[];
  /** The next pull must be a snapshot (a foreign category rename or removal was seen in a push). */
  readonly resync: boolean;
}

const MAX_FORMER = 50;

export function encodeCursor(state: CursorState): string {
  return JSON.stringify({
    v: 1,
    rev: state.rev,
    cats: state.categories.map((c) => [c.catid, c.name]),
    ...(state.former.length === 0 ? {} : { former: state.former.slice(-MAX_FORMER).map((c) => [c.catid, c.name]) }),
    ...(state.resync ? { resync: true } : {}),
  });
}

function pairs(value: unknown): WireCategory[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const out: WireCategory[] = [];
  for (const item of value as unknown[]) {
    if (!Array.isArray(item) || item.length !== 2) return null;
    const [catid, name] = item as unknown[];
    if (typeof catid !== 'number' || !Number.isSafeInteger(catid) || typeof name !== 'string') return null;
    out.push({ catid, name });
  }
  return out;
}

/** Reads a cursor this adapter wrote; anything else is null (and the caller pulls a snapshot). */
export function decodeCursor(cursor: string): CursorState | null {
  let value: unknown;
  try {
    value = JSON.parse(cursor);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const o = value as { readonly [key: string]: unknown };
  const rev = Object.hasOwn(o, 'rev') ? o['rev'] : undefined;
  if (o['v'] !== 1 || typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < 0) return null;
  const categories = pairs(Object.hasOwn(o, 'cats') ? o['cats'] : undefined);
  const former = pairs(Object.hasOwn(o, 'former') ? o['former'] : undefined);
  if (categories === null || former === null) return null;
  return { rev, categories, former, resync: o['resync'] === true };
}

/** Categories of `before` that `after` renamed or removed (added ones are not changes here). */
export function changedCategories(before: readonly WireCategory[], after: readonly WireCategory[]): WireCategory[] {
  const now = new Map(after.map((c) => [c.catid, c.name]));
  return before.filter((c) => now.get(c.catid) !== c.name);
}

/** Finds a category by name: exact first, then ignoring case (the service compares names so). */
export function findByName(table: readonly WireCategory[], name: string): WireCategory | undefined {
  const key = name.trim().toLowerCase();
  return table.find((c) => c.name === name) ?? table.find((c) => c.name.trim().toLowerCase() === key);
}

/**
 * The category table a response stands for. A server may leave the table out of a response that
 * carries no change events (revised contract; docs/yahoo.md, "Categories"): the known table then
 * stands, and an omitted table never means that categories were removed.
 */
export function tableOf(response: SyncResponse, known: readonly WireCategory[]): readonly WireCategory[] {
  return response.events.length === 0 && response.categories.length === 0 ? known : response.categories;
}
