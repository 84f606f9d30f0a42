import { useState } from 'react';
import type { ConflictChoice, ConflictKind, ConflictRecord, ContactWithState, SyncReport } from '@contactsync/core';
import { displayName } from '../model/display-name';
import { fieldLabel, valueText } from '../model/field-text';
import { fieldList, refusedFields } from '../model/refused-fields';
import type { SentEdits } from '../model/sent-edits';
import { whenText } from '../model/format-time';
import { SyncReports } from './sync-reports';

export interface ConflictsInboxProps {
  readonly conflicts: readonly ConflictRecord[];
  readonly contacts: ReadonlyMap<string, ContactWithState>;
  readonly reports: readonly SyncReport[];
  /** The fields this device sent for a contact (names the fields of a refused change). */
  readonly sentEdits: (contactId: string) => SentEdits;
  readonly onResolve: (conflictId: number, choice: ConflictChoice) => Promise<string | null>;
  readonly onOpenContact: (contactId: string) => void;
}

const TITLES: Record<ConflictKind, string> = {
  overwritten: 'Merged: changed here and on another device',
  recreated: 'Restored: deleted on another device after you edited it',
  'delete-undone': 'Kept: changed on another device after you deleted it',
  unresolved: 'Not merged yet: the server kept changing it',
  rejected: 'Not saved: the server refused this change',
  discarded: 'Discarded: your change, kept here in case you want it back',
};

/** The buttons each kind offers: [choice, label]. `keep-local` also dismisses a record. */
const CHOICES: Record<ConflictKind, readonly (readonly [ConflictChoice, string])[]> = {
  overwritten: [
    ['use-remote', 'Restore the other device’s values'],
    ['keep-local', 'Keep mine'],
  ],
  recreated: [['keep-local', 'OK']],
  'delete-undone': [['keep-local', 'OK']],
  unresolved: [
    ['keep-local', 'Send mine again'],
    ['use-remote', 'Use the server’s version'],
  ],
  rejected: [
    ['keep-local', 'Send again'],
    ['use-remote', 'Discard my change'],
  ],
  discarded: [
    ['keep-local', 'Bring my values back'],
    ['use-remote', 'Dismiss'],
  ],
};

/** Conflicts and rejections from the engine's log, newest first, each with what can be done. */
export function ConflictsInbox({ conflicts, contacts, reports, sentEdits, onResolve, onOpenContact }: ConflictsInboxProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const sorted = [...conflicts].sort((a, b) => b.at - a.at || b.id - a.id);

  const resolve = async (id: number, choice: ConflictChoice): Promise<void> => {
    setProblem(await onResolve(id, choice));
  };

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h2 id="inbox-title">Conflicts and rejections</h2>
      {problem === null ? null : (
        <p className="form-failure" role="alert">
          {problem}
        </p>
      )}
      {sorted.length === 0 ? <p className="empty">Nothing needs your attention.</p> : null}
      <ul className="inbox-list">
        {sorted.map((record) => {
          const contact = contacts.get(record.contactId);
          const refused =
            record.kind === 'rejected' && contact !== undefined ? refusedFields(contact, [record], sentEdits(contact.id)) : [];
          const fields =
            record.fields.length > 0 ? record.fields : refused.map((f) => ({ path: f.path, localValue: f.mine, remoteValue: f.server }));
          return (
            <li key={record.id} className={`inbox-item inbox-${record.kind}`} data-conflict-kind={record.kind}>
              <h3>
                {refused.length > 0
                  ? `Not saved: the server refused your change to ${fieldList(refused.map((f) => f.label))}`
                  : TITLES[record.kind]}
              </h3>
              <p className="inbox-meta">
                {contact === undefined ? (
                  <span>{record.contactId === '' ? 'A category change' : 'A contact that no longer exists'}</span>
                ) : (
                  <button type="button" className="link" onClick={() => onOpenContact(contact.id)}>
                    {displayName(contact)}
                  </button>
                )}
                <span> · {whenText(record.at)}</span>
              </p>
              <p className="inbox-message">{record.kind === 'rejected' ? `The server said: ${record.message}` : record.message}</p>
              {fields.length === 0 ? null : (
                <table className="inbox-fields">
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Kept (this device)</th>
                      <th scope="col">{record.kind === 'rejected' ? 'Before' : 'Other device'}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((field) => (
                      <tr key={field.path}>
                        <th scope="row">{fieldLabel(field.path)}</th>
                        <td>{valueText(field.localValue)}</td>
                        <td>{valueText(field.remoteValue)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <div className="actions">
                {CHOICES[record.kind].map(([choice, label]) => (
                  <button
                    key={choice}
                    type="button"
                    className={choice === 'use-remote' ? '' : 'primary'}
                    onClick={() => void resolve(record.id, choice)}
                  >
                    {label}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      <SyncReports reports={reports} />
    </section>
  );
}
