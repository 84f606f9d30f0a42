import { useCallback, useEffect, useMemo, useState } from 'react';
import { EMPTY_DRAFT, pickDraft, type ConflictRecord, type ContactDraft, type ContactWithState } from '@contactsync/core';
import { useKeptDraftKeys } from '../accounts/use-kept-drafts';
import { EngineCallError, type EngineClient } from '../engine-client/engine-client';
import { useDeviceOnlyFields, useFieldModel } from '../engine-client/use-field-model';
import { displayName } from '../model/display-name';
import { dropKeptDraft, NEW_CONTACT_KEY, readKeptDraft } from '../model/kept-drafts';
import { applyDraftPatch, draftPatch } from '../model/draft-patch';
import { refusedFields } from '../model/refused-fields';
import { readSentEdits, recordSentEdits } from '../model/sent-edits';
import type { WorkerError } from '../worker/protocol';
import { ContactBrowser } from './contact-browser';
import { ContactDetail } from './contact-detail';
import { EditPane } from './edit-pane';
import { CategoryManager } from './category-manager';
import { DuplicatesPanel } from './duplicates-panel';
import { mergeContacts } from '../model/duplicates';
import { VCardTools } from './vcard-tools';
import { forgetDeviceCard } from '../vcard/device-cards';
import { useUndoableDelete } from './use-undoable-delete';

export type PaneMode = 'view' | 'edit' | 'new' | 'duplicates';

export interface ContactsPanelProps {
  readonly client: EngineClient;
  readonly databaseName: string;
  /** A CardDAV account: its cards may hold more on the server than the replica keeps (see `VCardTools`). */
  readonly serverHoldsCards: boolean;
  readonly contacts: readonly ContactWithState[] | undefined;
  readonly selected: ContactWithState | null;
  readonly selectedId: string | null;
  /** The conflicts log: a refused change is explained with the fields it was about. */
  readonly conflicts: readonly ConflictRecord[];
  readonly mode: PaneMode;
  readonly onSelect: (id: string | null, mode?: PaneMode) => void;
  /** Shows a saved contact at once, before the replica's live query delivers it (see `useOptimistic`). */
  readonly onSaved: (contact: ContactWithState) => void;
}

const asWorkerError = (error: unknown): WorkerError =>
  error instanceof EngineCallError ? error.detail : { code: 'bug', userMessage: 'Something went wrong in the app.', fieldErrors: [] };

/** Null when the call succeeded, else its user message. */
const attempt = (call: Promise<unknown>): Promise<string | null> =>
  call.then(
    () => null,
    (error: unknown) => asWorkerError(error).userMessage,
  );

/**
 * The list on one side, the open contact (or the form) on the other; one at a time on a phone. A
 * contact with unsaved edits kept on this device opens in the form, with those edits restored.
 */
export function ContactsPanel({
  client,
  databaseName,
  serverHoldsCards,
  contacts,
  selected,
  selectedId,
  conflicts,
  mode,
  onSelect,
  onSaved,
}: ContactsPanelProps) {
  const paneOpen = mode === 'new' || mode === 'duplicates' || selectedId !== null;
  const kept = useKeptDraftKeys(databaseName);
  const [focusDetail, setFocusDetail] = useState(0);
  const model = useFieldModel(client, databaseName);
  const deviceOnly = useDeviceOnlyFields(client, mode === 'new' ? null : (selected?.id ?? null));

  const create = async (draft: ContactDraft): Promise<WorkerError | null> => {
    try {
      const created = await client.call('create', draft);
      onSaved({ ...created, syncState: 'pending' });
      dropKeptDraft(databaseName, NEW_CONTACT_KEY);
      onSelect(created.id, 'view');
      setFocusDetail((n) => n + 1);
      return null;
    } catch (error) {
      return asWorkerError(error);
    }
  };

  const update = async (contact: ContactWithState, base: ContactDraft, draft: ContactDraft): Promise<WorkerError | null> => {
    const patch = draftPatch(base, draft);
    if (Object.keys(patch).length > 0) recordSentEdits(databaseName, contact.id, pickDraft(contact), patch);
    try {
      const saved = Object.keys(patch).length === 0 ? contact : await client.call('update', contact.id, patch);
      onSaved({
        ...applyDraftPatch(contact, patch),
        id: contact.id,
        updatedAt: saved.updatedAt,
        syncState: Object.keys(patch).length === 0 ? contact.syncState : 'pending',
      });
      dropKeptDraft(databaseName, contact.id);
      onSelect(contact.id, 'view');
      setFocusDetail((n) => n + 1);
      return null;
    } catch (error) {
      return asWorkerError(error);
    }
  };

  const checkServiceRules = useCallback((draft: ContactDraft) => client.call('validate', draft), [client]);

  const removeNow = useCallback(
    async (id: string): Promise<void> => {
      try {
        await client.call('remove', id);
      } catch {
        // The contact is already gone (deleted by a sync meanwhile): nothing to do.
      }
      dropKeptDraft(databaseName, id);
      await forgetDeviceCard(databaseName, id);
    },
    [client, databaseName],
  );
  const deletion = useUndoableDelete(removeNow);
  const remove = async (id: string): Promise<void> => {
    const contact = contacts?.find((c) => c.id === id);
    if (contact !== undefined) deletion.start(contact);
    onSelect(null);
  };
  const visible = useMemo(
    () => (deletion.deleted === null || contacts === undefined ? contacts : contacts.filter((c) => c.id !== deletion.deleted?.id)),
    [contacts, deletion.deleted],
  );

  const leave = (contactKey: string, next: () => void): void => {
    dropKeptDraft(databaseName, contactKey);
    next();
  };

  // After Save the detail's heading takes focus, so focus never falls to the page body.
  useEffect(() => {
    if (focusDetail > 0) document.getElementById('detail-title')?.focus();
  }, [focusDetail, selected?.id]);

  // Merging keeps the first contact (its id and server record), updated with every value of the
  // others, and deletes the others only once that update is stored: a refused merge changes nothing.
  const mergeGroup = async (group: readonly ContactWithState[]): Promise<string | null> => {
    const [keep, ...others] = group;
    if (keep === undefined) return null;
    const patch = draftPatch(pickDraft(keep), mergeContacts(group.map(pickDraft)));
    try {
      const saved = Object.keys(patch).length === 0 ? keep : await client.call('update', keep.id, patch);
      onSaved({ ...applyDraftPatch(keep, patch), id: keep.id, updatedAt: saved.updatedAt, syncState: 'pending' });
    } catch (error) {
      const detail = asWorkerError(error);
      return detail.fieldErrors.length > 0 ? detail.fieldErrors.map((e) => e.message).join(' ') : detail.userMessage;
    }
    for (const other of others) await removeNow(other.id);
    return null;
  };

  let pane;
  if (mode === 'duplicates') {
    pane = <DuplicatesPanel contacts={visible ?? []} onMerge={mergeGroup} onClose={() => onSelect(selectedId, 'view')} />;
  } else if (mode === 'new') {
    pane = (
      <EditPane
        key="new"
        databaseName={databaseName}
        contactKey={NEW_CONTACT_KEY}
        base={EMPTY_DRAFT}
        title="New contact"
        onSave={create}
        onCancel={() => leave(NEW_CONTACT_KEY, () => onSelect(null))}
        checkServiceRules={checkServiceRules}
        model={model}
        deviceOnly={[]}
      />
    );
  } else if (selected !== null && (mode === 'edit' || kept.has(selected.id))) {
    const contact = selected;
    pane = (
      <EditPane
        key={`edit-${contact.id}`}
        databaseName={databaseName}
        contactKey={contact.id}
        base={pickDraft(contact)}
        title={`Edit ${displayName(contact)}`}
        onSave={(draft, base) => update(contact, base, draft)}
        onCancel={() => leave(contact.id, () => onSelect(contact.id, 'view'))}
        checkServiceRules={checkServiceRules}
        model={model}
        deviceOnly={deviceOnly}
      />
    );
  } else if (selected !== null) {
    const refused = selected.syncState === 'rejected' ? refusedFields(selected, conflicts, readSentEdits(databaseName, selected.id)) : [];
    pane = (
      <ContactDetail
        contact={selected}
        account={databaseName}
        refused={refused}
        onEdit={() => onSelect(selected.id, 'edit')}
        onDelete={() => remove(selected.id)}
        onBack={() => onSelect(null)}
      />
    );
  } else if (selectedId !== null && contacts !== undefined) {
    const orphan = readKeptDraft(databaseName, selectedId);
    pane = (
      <div className="empty">
        <p>This contact is no longer in the address book (it was deleted, here or on another device).</p>
        {orphan === null ? null : (
          <p>
            Your unsaved changes to it are still kept on this device.{' '}
            <button
              type="button"
              className="link"
              onClick={() => void create(orphan.draft).then((error) => error === null && dropKeptDraft(databaseName, selectedId))}
            >
              Save them as a new contact
            </button>{' '}
            or{' '}
            <button type="button" className="link" onClick={() => leave(selectedId, () => onSelect(null))}>
              discard them
            </button>
            .
          </p>
        )}
        <button type="button" className="link" onClick={() => onSelect(null)}>
          Back to the list
        </button>
      </div>
    );
  } else {
    pane = <p className="empty">Select a contact, or create a new one.</p>;
  }

  return (
    <div className={paneOpen ? 'contacts-panel pane-open' : 'contacts-panel'}>
      {deletion.deleted === null ? null : (
        <div className="undo-toast" role="status" data-testid="undo-toast">
          <span>Deleted {displayName(deletion.deleted)}.</span>
          <button
            type="button"
            onClick={() => {
              const back = deletion.undo();
              if (back !== null) onSelect(back.id, 'view');
            }}
          >
            Undo
          </button>
        </div>
      )}
      {visible === undefined ? (
        <p className="empty" role="status">
          Opening the contacts on this device…
        </p>
      ) : (
        <ContactBrowser
          contacts={visible}
          selectedId={selectedId}
          drafts={kept}
          onSelect={(id) => onSelect(id, 'view')}
          onCreate={() => onSelect(null, 'new')}
          tools={(shown) => (
            <>
              <VCardTools
                contacts={shown}
                account={databaseName}
                serverHoldsCards={serverHoldsCards}
                create={async (draft) => {
                  try {
                    return { id: (await client.call('create', draft)).id };
                  } catch (error) {
                    return { problem: asWorkerError(error).userMessage };
                  }
                }}
              />
              <button type="button" className="find-duplicates" onClick={() => onSelect(selectedId, 'duplicates')}>
                Find duplicates
              </button>
              <CategoryManager
                contacts={visible ?? []}
                rename={(from, to) => attempt(client.call('renameCategory', from, to))}
                remove={(name) => attempt(client.call('removeCategory', name))}
              />
            </>
          )}
        />
      )}
      <div className="pane">{pane}</div>
    </div>
  );
}
