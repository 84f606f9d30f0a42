import { useState } from 'react';
import type { ContactDraft, FieldError, FieldModel } from '@contactsync/core';
import { splitBirthday } from '../model/birthday-parts';
import { keepDraft, readKeptDraft } from '../model/kept-drafts';
import type { WorkerError } from '../worker/protocol';
import { ContactForm, type FormState } from './contact-form';

export interface EditPaneProps {
  readonly databaseName: string;
  /** The contact's id, or `new`. */
  readonly contactKey: string;
  /** The contact as stored now (empty for a new one). */
  readonly base: ContactDraft;
  readonly title: string;
  /** Saves; `base` is what the edits started from (a restored draft's, not necessarily today's). */
  readonly onSave: (draft: ContactDraft, base: ContactDraft) => Promise<WorkerError | null>;
  readonly onCancel: () => void;
  readonly checkServiceRules: (draft: ContactDraft) => Promise<readonly FieldError[]>;
  /** The account's field model (null until known) and the contact's device-only paths. */
  readonly model: FieldModel | null;
  readonly deviceOnly: readonly string[];
}

/**
 * The form for one contact, opened from the edits kept on this device when there are any (read once,
 * when it opens), else from the stored contact. Every change is kept again as it is typed.
 */
export function EditPane({ databaseName, contactKey, base, title, onSave, onCancel, checkServiceRules, model, deviceOnly }: EditPaneProps) {
  const [start] = useState(() => {
    const kept = readKeptDraft(databaseName, contactKey);
    if (kept !== null) return { state: { draft: kept.draft, birthday: kept.birthday }, base: kept.base, restoredFrom: kept.keptAt };
    return { state: { draft: base, birthday: splitBirthday(base.birthday) }, base, restoredFrom: null };
  });
  const [storageFull, setStorageFull] = useState(false);

  const keep = (state: FormState): void => {
    setStorageFull(!keepDraft(databaseName, contactKey, { ...state, base: start.base, keptAt: Date.now() }));
  };

  return (
    <>
      {storageFull ? (
        <p className="form-failure" role="alert">
          This device’s storage is full: your edits are on screen but would not survive a reload. Save them soon.
        </p>
      ) : null}
      <ContactForm
        title={title}
        initial={start.state}
        restoredFrom={start.restoredFrom}
        dirtyAtStart={start.restoredFrom !== null}
        onKeep={keep}
        onSave={(draft) => onSave(draft, start.base)}
        onCancel={onCancel}
        checkServiceRules={checkServiceRules}
        model={model}
        deviceOnly={deviceOnly}
      />
    </>
  );
}
