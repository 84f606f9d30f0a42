import { useCallback } from 'react';
import { EMPTY_DRAFT, pickDraft, type ContactDraft, type ContactWithState } from '@contactsync/core';
import { EngineCallError, type EngineClient } from '../engine-client/engine-client';
import { displayName } from '../model/display-name';
import type { WorkerError } from '../worker/protocol';
import { ContactBrowser } from './contact-browser';
import { ContactDetail } from './contact-detail';
import { ContactForm } from './contact-form';

export type PaneMode = 'view' | 'edit' | 'new';

export interface ContactsPanelProps {
  readonly client: EngineClient;
  readonly contacts: readonly ContactWithState[] | undefined;
  readonly selected: ContactWithState | null;
  readonly selectedId: string | null;
  readonly mode: PaneMode;
  readonly onSelect: (id: string | null, mode?: PaneMode) => void;
}

const asWorkerError = (error: unknown): WorkerError =>
  error instanceof EngineCallError ? error.detail : { code: 'bug', userMessage: 'Something went wrong in the app.', fieldErrors: [] };

/** The list on one side, the open contact (or the form) on the other; one at a time on a phone. */
export function ContactsPanel({ client, contacts, selected, selectedId, mode, onSelect }: ContactsPanelProps) {
  const paneOpen = mode === 'new' || selectedId !== null;

  const save = async (draft: ContactDraft): Promise<WorkerError | null> => {
    try {
      if (mode === 'new') {
        const created = await client.call('create', draft);
        onSelect(created.id, 'view');
      } else if (selectedId !== null) {
        await client.call('update', selectedId, draft);
        onSelect(selectedId, 'view');
      }
      return null;
    } catch (error) {
      return asWorkerError(error);
    }
  };

  const checkServiceRules = useCallback((draft: ContactDraft) => client.call('validate', draft), [client]);

  const remove = async (id: string): Promise<void> => {
    try {
      await client.call('remove', id);
      onSelect(null);
    } catch {
      // The contact is already gone (deleted by a sync meanwhile): nothing to do.
      onSelect(null);
    }
  };

  let pane;
  if (mode === 'new') {
    pane = <ContactForm key="new" title="New contact" initial={EMPTY_DRAFT} onSave={save} onCancel={() => onSelect(null)} checkServiceRules={checkServiceRules} />;
  } else if (selected !== null && mode === 'edit') {
    pane = <ContactForm key={`edit-${selected.id}`} title={`Edit ${displayName(selected)}`} initial={pickDraft(selected)} onSave={save} onCancel={() => onSelect(selected.id, 'view')} checkServiceRules={checkServiceRules} />;
  } else if (selected !== null) {
    pane = <ContactDetail contact={selected} onEdit={() => onSelect(selected.id, 'edit')} onDelete={() => remove(selected.id)} onBack={() => onSelect(null)} />;
  } else if (selectedId !== null && contacts !== undefined) {
    pane = (
      <p className="empty">
        This contact is no longer in the address book.{' '}
        <button type="button" className="link" onClick={() => onSelect(null)}>
          Back to the list
        </button>
      </p>
    );
  } else {
    pane = <p className="empty">Select a contact, or create a new one.</p>;
  }

  return (
    <div className={paneOpen ? 'contacts-panel pane-open' : 'contacts-panel'}>
      {contacts === undefined ? (
        <p className="empty" role="status">
          Opening the contacts on this device…
        </p>
      ) : (
        <ContactBrowser contacts={contacts} selectedId={selectedId} onSelect={(id) => onSelect(id, 'view')} onCreate={() => onSelect(null, 'new')} />
      )}
      <div className="pane">{pane}</div>
    </div>
  );
}
