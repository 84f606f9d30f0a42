/**
 * Three-way merge of a list whose items are identified by a normalised key (emails by address,
 * phones by digits, ...). Additions from both sides survive, a deletion on either side applies, and
 * an item changed on both sides (same key, other attributes) keeps the local version.
 */
export interface KeyedListMerge<T> {
  readonly value: readonly T[];
  /** Items whose attributes both sides changed: the local one was kept. */
  readonly overwritten: readonly { readonly local: T; readonly remote: T }[];
}

export function mergeKeyedList<T>(
  base: readonly T[],
  local: readonly T[],
  remote: readonly T[],
  keyOf: (item: T) => string,
  same: (a: T, b: T) => boolean,
): KeyedListMerge<T> {
  const baseByKey = indexByKey(base, keyOf);
  const remoteByKey = indexByKey(remote, keyOf);
  const localByKey = indexByKey(local, keyOf);
  const value: T[] = [];
  const overwritten: { local: T; remote: T }[] = [];
  const taken = new Set<string>();

  for (const [key, localItem] of localByKey) {
    const remoteItem = remoteByKey.get(key);
    const baseItem = baseByKey.get(key);
    taken.add(key);
    if (remoteItem === undefined) {
      // Absent remotely: a remote deletion if the base had it, else a local addition.
      if (baseItem === undefined) value.push(localItem);
      continue;
    }
    if (baseItem !== undefined && same(localItem, baseItem)) value.push(remoteItem);
    else if (baseItem !== undefined && same(remoteItem, baseItem)) value.push(localItem);
    else {
      value.push(localItem);
      if (!same(localItem, remoteItem)) overwritten.push({ local: localItem, remote: remoteItem });
    }
  }
  for (const [key, remoteItem] of remoteByKey) {
    if (taken.has(key)) continue;
    // Absent locally: a local deletion if the base had it, else a remote addition.
    if (!baseByKey.has(key)) value.push(remoteItem);
  }
  return { value, overwritten };
}

function indexByKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!byKey.has(key)) byKey.set(key, item);
  }
  return byKey;
}
