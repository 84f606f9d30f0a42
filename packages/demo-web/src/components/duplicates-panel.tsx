import { useMemo, useState } from 'react';
import { pickDraft, type ContactWithState } from '@contactsync/core';
import { displayName, secondaryLine } from '../model/display-name';
import { findDuplicates, mergeContacts } from '../model/duplicates';
import { countText } from '../model/format-time';

export interface DuplicatesPanelProps {
  readonly contacts: readonly ContactWithState[];
  /** Merges a group into its first contact; resolves to null, or to why it was not done (then nothing changed). */
  readonly onMerge: (group: readonly ContactWithState[]) => Promise<string | null>;
  readonly onClose: () => void;
}

const SHOWN = 50;

/** Contacts that look like one person, each group with what merging it would give. */
export function DuplicatesPanel({ contacts, onMerge, onClose }: DuplicatesPanelProps) {
  const groups = useMemo(() => findDuplicates(contacts), [contacts]);
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  const [busy, setBusy] = useState<string | null>(null);

  const merge = async (group: readonly ContactWithState[]): Promise<void> => {
    const key = group[0]?.id ?? '';
    setBusy(key);
    const problem = await onMerge(group);
    setBusy(null);
    setProblems((previous) => {
      const next = new Map(previous);
      if (problem === null) next.delete(key);
      else next.set(key, problem);
      return next;
    });
  };

  return (
    <section className="duplicates" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title" tabIndex={-1}>
        Possible duplicates
      </h2>
      <p className="hint">
        {groups.length === 0
          ? 'No contacts share a name or an email address.'
          : `${countText(groups.length)} groups of contacts share a name or an email address. Merging keeps every value: lists are joined, and a differing value is kept in the notes.`}
      </p>
      <button type="button" onClick={onClose}>
        Back to the contact
      </button>
      <ul className="duplicate-groups">
        {groups.slice(0, SHOWN).map((group) => {
          const merged = mergeContacts(group.map(pickDraft));
          const key = group[0]?.id ?? '';
          return (
            <li key={key} className="duplicate-group" data-testid="duplicate-group">
              <h3>
                {displayName(group[0]!)} <span className="hint">× {group.length}</span>
              </h3>
              <ul>
                {group.map((c) => (
                  <li key={c.id}>
                    {displayName(c)} <span className="hint">{secondaryLine(c)}</span>
                  </li>
                ))}
              </ul>
              <p className="hint">
                Merged: {countText(merged.emails.length)} emails, {countText(merged.phones.length)} phones,{' '}
                {countText(merged.addresses.length)} addresses
                {merged.categories.length > 0 ? `, categories ${merged.categories.join(', ')}` : ''}.
              </p>
              {problems.has(key) ? (
                <p className="form-failure" role="alert">
                  Not merged: {problems.get(key)}
                </p>
              ) : null}
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void merge(group)}>
                {busy === key ? 'Merging…' : `Merge into one`}
              </button>
            </li>
          );
        })}
      </ul>
      {groups.length > SHOWN ? <p className="hint">The first {SHOWN} groups are shown; merge some to see more.</p> : null}
    </section>
  );
}
