import type { ContactDraft } from '@contactsync/core';
import { generateContacts } from '@contactsync/adapters/emulators';
import { threeWay } from '../internals.js';

export interface MergeResult {
  /** Merges per second, one figure per repetition. */
  readonly perSecond: readonly number[];
  readonly conflictsPerMerge: number;
}

/**
 * Realistic conflicting edits of a generated contact: both sides change the notes and the middle
 * name differently (scalar conflicts, local wins, remote recorded), both add an email (set merge),
 * local changes a phone, remote the company and a category.
 */
function triples(count: number): [ContactDraft, ContactDraft, ContactDraft][] {
  return generateContacts(count, 99).map((base, i) => {
    const local: ContactDraft = {
      ...base,
      name: { ...base.name, middle: 'Lou' },
      notes: `${base.notes} Called about the invoice.`,
      emails: [...base.emails, { type: 'other', address: `local.${i}@home.example` }],
      phones: base.phones.map((p, j) => (j === 0 ? { ...p, number: `${p.number}9` } : p)),
    };
    const remote: ContactDraft = {
      ...base,
      name: { ...base.name, middle: 'Ray' },
      notes: `${base.notes} Moved to the Berlin office.`,
      emails: [...base.emails, { type: 'other', address: `remote.${i}@work.example` }],
      company: `${base.company} GmbH`,
      categories: [...base.categories, 'VIP'],
    };
    return [base, local, remote];
  });
}

export function measureMerge(seconds: number, reps: number): MergeResult {
  const cases = triples(500);
  let conflicts = 0;
  for (const [base, local, remote] of cases) conflicts += threeWay.mergeContact(base, local, remote).overwritten.length;
  const perSecond: number[] = [];
  let sink = 0;
  for (let rep = 0; rep < reps; rep++) {
    let merges = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < seconds * 1000) {
      for (const [base, local, remote] of cases) sink += threeWay.mergeContact(base, local, remote).overwritten.length;
      merges += cases.length;
      elapsed = performance.now() - started;
    }
    perSecond.push((merges / elapsed) * 1000);
  }
  if (sink < 0) throw new Error('unreachable');
  return { perSecond, conflictsPerMerge: conflicts / cases.length };
}
