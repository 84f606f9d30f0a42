import { useState } from 'react';
import type { ContactWithState } from '@contactsync/core';
import { birthdayText } from '../model/birthday-parts';
import { displayName } from '../model/display-name';
import { whenText } from '../model/format-time';
import { SyncBadge } from './sync-badge';

export interface ContactDetailProps {
  readonly contact: ContactWithState;
  readonly onEdit: () => void;
  readonly onDelete: () => Promise<void>;
  readonly onBack: () => void;
}

const STATE_NOTES: Partial<Record<ContactWithState['syncState'], string>> = {
  pending: 'Changed on this device; it will be sent at the next sync.',
  conflict: 'This contact needs a decision: see the inbox.',
  rejected: 'The server refused the last change: see the inbox for its reason.',
};

/** One contact, read-only, every value as text. */
export function ContactDetail({ contact, onEdit, onDelete, onBack }: ContactDetailProps) {
  const [confirming, setConfirming] = useState(false);
  const address = (a: ContactWithState['addresses'][number]) => [a.street, a.city, a.region, a.postalCode, a.country].filter((p) => p !== '').join(', ');
  const note = STATE_NOTES[contact.syncState];

  return (
    <article className="detail" aria-labelledby="detail-title">
      <button type="button" className="back" onClick={onBack}>
        ← All contacts
      </button>
      <header className="detail-header">
        <h2 id="detail-title" tabIndex={-1}>{displayName(contact)}</h2>
        <SyncBadge state={contact.syncState} />
      </header>
      {note === undefined ? null : <p className="state-note">{note}</p>}
      <dl className="detail-fields">
        {contact.nickname === '' ? null : <Row label="Nickname" value={contact.nickname} />}
        {contact.company === '' ? null : <Row label="Company" value={contact.company} />}
        {contact.jobTitle === '' ? null : <Row label="Job title" value={contact.jobTitle} />}
        {contact.emails.map((e, i) => (
          <Row key={`e${i}`} label={`Email (${e.type})`} value={e.address} />
        ))}
        {contact.phones.map((p, i) => (
          <Row key={`p${i}`} label={`Phone (${p.type})`} value={p.number} />
        ))}
        {contact.addresses.map((a, i) => (
          <Row key={`a${i}`} label={`Address (${a.type})`} value={address(a)} />
        ))}
        {contact.birthday === '' ? null : <Row label="Birthday" value={birthdayText(contact.birthday)} />}
        {contact.categories.length === 0 ? null : <Row label="Categories" value={contact.categories.join(', ')} />}
        {contact.notes === '' ? null : <Row label="Notes" value={contact.notes} />}
        <Row label="Last changed" value={whenText(contact.updatedAt)} />
      </dl>
      <div className="actions">
        <button type="button" className="primary" onClick={onEdit}>
          Edit
        </button>
        {confirming ? (
          <span className="confirm" role="group" aria-label="Confirm delete">
            <span>Delete this contact?</span>
            <button type="button" className="danger" onClick={() => void onDelete()}>
              Yes, delete
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
    </article>
  );
}

function Row({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
