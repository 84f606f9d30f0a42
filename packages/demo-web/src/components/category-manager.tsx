import { useId, useMemo, useState } from 'react';
import type { ContactWithState } from '@contactsync/core';
import { countText } from '../model/format-time';

export interface CategoryManagerProps {
  readonly contacts: readonly ContactWithState[];
  /** Each resolves to null, or to why it could not be done. */
  readonly rename: (from: string, to: string) => Promise<string | null>;
  readonly remove: (name: string) => Promise<string | null>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Every category with how many contacts have it; rename or remove one on all of them at once. */
export function CategoryManager({ contacts, rename, remove }: CategoryManagerProps) {
  const counts = useMemo(() => {
    const byName = new Map<string, number>();
    for (const contact of contacts) for (const name of contact.categories) byName.set(name, (byName.get(name) ?? 0) + 1);
    return [...byName].sort(([a], [b]) => collator.compare(a, b));
  }, [contacts]);
  const [editing, setEditing] = useState<{ readonly name: string; readonly to: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const inputId = useId();

  const run = async (work: Promise<string | null>, done: string): Promise<void> => {
    const problem = await work;
    setMessage(problem ?? done);
    setEditing(null);
    setConfirming(null);
  };

  return (
    <details className="category-manager">
      <summary>Manage categories</summary>
      {message === null ? null : (
        <p role="status" data-testid="category-result">
          {message}
        </p>
      )}
      <ul>
        {counts.map(([name, count]) => (
          <li key={name} data-category={name}>
            {editing?.name === name ? (
              <form
                className="category-rename"
                onSubmit={(event) => {
                  event.preventDefault();
                  const to = editing.to.trim();
                  if (to !== '' && to !== name) void run(rename(name, to), `Renamed “${name}” to “${to}” on ${countText(count)} contacts.`);
                }}
              >
                <label htmlFor={inputId}>New name for {name}</label>
                <input id={inputId} value={editing.to} onChange={(event) => setEditing({ name, to: event.target.value })} autoFocus />
                <button type="submit" className="primary">
                  Rename
                </button>
                <button type="button" onClick={() => setEditing(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <span className="category-name">
                  {name} <span className="hint">({countText(count)})</span>
                </span>
                <button type="button" aria-label={`Rename ${name}`} onClick={() => setEditing({ name, to: name })}>
                  Rename
                </button>
                {confirming === name ? (
                  <span className="confirm">
                    <span>Remove from {countText(count)} contacts?</span>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => void run(remove(name), `Removed “${name}” from ${countText(count)} contacts.`)}
                    >
                      Yes, remove
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      Keep it
                    </button>
                  </span>
                ) : (
                  <button type="button" className="danger" aria-label={`Remove ${name}`} onClick={() => setConfirming(name)}>
                    Remove
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
