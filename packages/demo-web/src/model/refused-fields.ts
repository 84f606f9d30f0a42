import type { ConflictRecord, ContactDraft } from '@contactsync/core';
import { fieldLabel, valueText } from './field-text';
import type { SentEdits } from './sent-edits';

/** One field of a change the server refused: what was typed here, and what the server still has. */
export interface RefusedField {
  readonly path: string;
  readonly label: string;
  readonly mine: string;
  readonly server: string;
}

const valueAt = (contact: ContactDraft, path: string): unknown => {
  const [head, part] = path.split('.');
  const top = (contact as unknown as Record<string, unknown>)[head ?? ''];
  return part === undefined || typeof top !== 'object' || top === null ? top : (top as Record<string, unknown>)[part];
};

/**
 * The fields of a contact's refused change: those core's log names, else those this device sent
 * (`sent-edits.ts`), with the value typed here and the one the server keeps.
 */
export function refusedFields(
  contact: ContactDraft & { readonly id: string },
  conflicts: readonly ConflictRecord[],
  sent: SentEdits,
): RefusedField[] {
  const logged = conflicts.filter((c) => c.kind === 'rejected' && c.contactId === contact.id).flatMap((c) => c.fields);
  if (logged.length > 0)
    return logged.map((f) => ({
      path: f.path,
      label: fieldLabel(f.path),
      mine: valueText(f.localValue),
      server: valueText(f.remoteValue),
    }));
  return Object.entries(sent).map(([path, before]) => ({
    path,
    label: fieldLabel(path),
    mine: valueText(valueAt(contact, path)),
    server: valueText(before),
  }));
}

/** "Job title and Notes": the fields a refusal is about, as a person names them. */
export function fieldList(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
}
