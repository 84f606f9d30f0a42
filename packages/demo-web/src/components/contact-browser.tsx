import { useDeferredValue, useId, useMemo, useState, type ReactNode } from 'react';
import type { ContactWithState } from '@contactsync/core';
import { allCategories, searchContacts, type SearchEntry, type SortOrder } from '../model/contact-search';
import { useSearchIndex } from '../model/use-search-index';
import { usePersistentState } from '../model/use-persistent-state';
import { secondaryLine } from '../model/display-name';
import { countText } from '../model/format-time';
import { Avatar } from './avatar';
import { Highlighted } from './highlighted';
import { SyncBadge } from './sync-badge';
import { VirtualList } from './virtual-list';

export interface ContactBrowserProps {
  readonly contacts: readonly ContactWithState[];
  readonly selectedId: string | null;
  /** Contacts with unsaved edits kept on this device (their ids). */
  readonly drafts: ReadonlySet<string>;
  readonly onSelect: (id: string) => void;
  readonly onCreate: () => void;
  /** More tools under the search (export and import), given the contacts the list shows. */
  readonly tools?: (shown: readonly ContactWithState[]) => ReactNode;
}

const ROW_HEIGHT = 56;

/** Search as you type, a category filter and the windowed list of matching contacts. */
export function ContactBrowser({ contacts, selectedId, drafts, onSelect, onCreate, tools }: ContactBrowserProps) {
  const searchId = useId();
  const categoryId = useId();
  const sortId = useId();
  const [order, setOrder] = usePersistentState<SortOrder>('sort-order', 'first', (v): v is SortOrder => v === 'first' || v === 'last');
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  // Typing stays responsive: filtering thousands of entries runs at a lower priority.
  const deferredQuery = useDeferredValue(query);
  const index = useSearchIndex(contacts, order);
  const categories = useMemo(() => allCategories(contacts), [contacts]);
  const matches = useMemo(() => searchContacts(index, deferredQuery, category), [index, deferredQuery, category]);
  const shown = useMemo(() => matches.map((entry) => entry.contact), [matches]);

  return (
    <section className="browser" aria-label="Contacts">
      <div className="browser-tools">
        <div className="field">
          <label htmlFor={searchId}>Search</label>
          <input
            id={searchId}
            type="search"
            aria-keyshortcuts="/"
            value={query}
            placeholder="Name, email, phone or company"
            onChange={(event) => setQuery(event.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={categoryId}>Category</label>
          <select
            id={categoryId}
            value={category ?? ''}
            onChange={(event) => setCategory(event.target.value === '' ? null : event.target.value)}
          >
            <option value="">All categories</option>
            {categories.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={sortId}>Sort by</label>
          <select id={sortId} value={order} onChange={(event) => setOrder(event.target.value === 'last' ? 'last' : 'first')}>
            <option value="first">First name</option>
            <option value="last">Last name</option>
          </select>
        </div>
        <button type="button" className="primary" onClick={onCreate} aria-keyshortcuts="n">
          New contact
        </button>
      </div>
      {tools?.(shown)}
      <p className="browser-count" aria-live="polite" data-testid="match-count">
        {matches.length === contacts.length
          ? `${countText(contacts.length)} contacts`
          : `${countText(matches.length)} of ${countText(contacts.length)} contacts`}
      </p>
      {matches.length === 0 && contacts.length > 0 ? (
        <div className="no-matches" data-testid="no-matches">
          <p>No matches{deferredQuery.trim() === '' ? ' in this category' : ` for “${deferredQuery.trim()}”`}.</p>
          <button
            type="button"
            onClick={() => {
              setQuery('');
              setCategory(null);
            }}
          >
            Clear the search
          </button>
        </div>
      ) : null}
      <VirtualList<SearchEntry>
        items={matches}
        rowHeight={ROW_HEIGHT}
        label="Contact list"
        getKey={(entry) => entry.contact.id}
        resetKey={`${deferredQuery}\n${category ?? ''}`}
        renderRow={(entry, i) => (
          <>
            {i === 0 || matches[i - 1]?.letter !== entry.letter ? (
              <span className="letter-header" data-letter={entry.letter} aria-hidden="true">
                {entry.letter}
              </span>
            ) : null}
            <button
              type="button"
              className={entry.contact.id === selectedId ? 'contact-row selected' : 'contact-row'}
              aria-current={entry.contact.id === selectedId ? 'true' : undefined}
              data-contact-id={entry.contact.id}
              onClick={() => onSelect(entry.contact.id)}
            >
              <Avatar name={entry.title} />
              <span className="contact-row-text">
                <span className="contact-row-title">
                  <Highlighted text={entry.title} query={deferredQuery} />
                </span>
                <span className="contact-row-sub">
                  <Highlighted text={secondaryLine(entry.contact)} query={deferredQuery} />
                </span>
              </span>
              {drafts.has(entry.contact.id) ? <span className="badge badge-draft">Unsaved</span> : null}
              <SyncBadge state={entry.contact.syncState} />
            </button>
          </>
        )}
      />
    </section>
  );
}
