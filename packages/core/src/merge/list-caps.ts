/**
 * Fits a merged list into a service's limits: at most `perType(type)` items of each type and at
 * most `maxItems` in all. Local items are kept first (what the user wrote here wins over what
 * arrived), then the rest in order; an item that does not fit is returned with the kept item of its
 * type it lost to (null when it lost to the overall cap), so the user can restore it. Pure.
 */
export function fitListCaps<T>(
  items: readonly T[],
  isLocal: (item: T) => boolean,
  typeOf: (item: T) => string,
  perType: (type: string) => number | null,
  maxItems: number | null,
): { readonly value: readonly T[]; readonly dropped: readonly { readonly item: T; readonly lostTo: T | null }[] } {
  const ordered = [...items.filter(isLocal), ...items.filter((item) => !isLocal(item))];
  const keptByType = new Map<string, T[]>();
  const kept = new Set<T>();
  const dropped: { item: T; lostTo: T | null }[] = [];
  for (const item of ordered) {
    const type = typeOf(item);
    const sameType = keptByType.get(type) ?? [];
    const limit = perType(type);
    if (limit !== null && sameType.length >= limit) {
      dropped.push({ item, lostTo: sameType[sameType.length - 1] ?? null });
      continue;
    }
    if (maxItems !== null && kept.size >= maxItems) {
      dropped.push({ item, lostTo: null });
      continue;
    }
    sameType.push(item);
    keptByType.set(type, sameType);
    kept.add(item);
  }
  // The merged order is kept for what stays, so a list that fits is returned unchanged.
  return { value: items.filter((item) => kept.has(item)), dropped };
}
