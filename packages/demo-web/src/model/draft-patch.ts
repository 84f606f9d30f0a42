import type { ContactDraft, PersonName } from '@contactsync/core';

/** What a save changes: whole fields, and single parts of the name. */
export type DraftPatch = Partial<Omit<ContactDraft, 'name'>> & { readonly name?: Partial<PersonName> };

type Key = keyof ContactDraft;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only the fields the person changed since the form opened (`base`), for `contacts.update`. A draft
 * kept across a reload may be older than the stored contact: sending the whole draft would overwrite
 * fields changed meanwhile on another device that the person never touched.
 */
export function draftPatch(base: ContactDraft, edited: ContactDraft): DraftPatch {
  const patch: Record<string, unknown> = {};
  const name: Partial<Record<keyof PersonName, string>> = {};
  for (const part of Object.keys(edited.name) as (keyof PersonName)[]) {
    if (edited.name[part] !== base.name[part]) name[part] = edited.name[part];
  }
  if (Object.keys(name).length > 0) patch['name'] = name;
  for (const key of Object.keys(edited) as Key[]) {
    if (key !== 'name' && !same(base[key], edited[key])) patch[key] = edited[key];
  }
  return patch;
}

/** The patch applied to a draft (what the engine will store), for showing a save before it lands. */
export function applyDraftPatch(draft: ContactDraft, patch: DraftPatch): ContactDraft {
  return { ...draft, ...patch, name: { ...draft.name, ...patch.name } };
}
