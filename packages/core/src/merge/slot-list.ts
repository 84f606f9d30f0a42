import { sameJson } from './same-json.js';

/** Where two versions of a slot list disagree and the local item was kept. */
export interface SlotOverwrite<T> {
  /** The local occupant of the slot (null: the local side emptied it). */
  readonly local: T | null;
  /** The remote occupant that lost (null: the remote side emptied it). */
  readonly remote: T | null;
}

/**
 * Three-way merge of a list whose items are slots: an item is identified by its type and its
 * position among the items of that type (Windows Live's one Personal email). Each slot merges like
 * a scalar: a one-sided change (including emptying the slot) is taken; a change on both sides keeps
 * the local value and reports the remote one. Local slots come first, in local order. Pure.
 */
export function mergeSlotList<T extends { readonly type: string }>(
  base: readonly T[],
  local: readonly T[],
  remote: readonly T[],
): { readonly value: readonly T[]; readonly overwritten: readonly SlotOverwrite<T>[] } {
  const b = bySlot(base);
  const l = bySlot(local);
  const r = bySlot(remote);
  const slots = [...new Set([...l.keys(), ...r.keys(), ...b.keys()])];
  const value: T[] = [];
  const overwritten: SlotOverwrite<T>[] = [];
  for (const slot of slots) {
    const [baseItem, localItem, remoteItem] = [b.get(slot), l.get(slot), r.get(slot)];
    let kept: T | undefined;
    if (sameJson(localItem, baseItem)) kept = remoteItem;
    else if (sameJson(remoteItem, baseItem) || sameJson(remoteItem, localItem)) kept = localItem;
    else {
      kept = localItem;
      overwritten.push({ local: localItem ?? null, remote: remoteItem ?? null });
    }
    if (kept !== undefined) value.push(kept);
  }
  return { value, overwritten };
}

function bySlot<T extends { readonly type: string }>(items: readonly T[]): Map<string, T> {
  const counts = new Map<string, number>();
  const slots = new Map<string, T>();
  for (const item of items) {
    const n = counts.get(item.type) ?? 0;
    counts.set(item.type, n + 1);
    slots.set(`${item.type}#${n}`, item);
  }
  return slots;
}
