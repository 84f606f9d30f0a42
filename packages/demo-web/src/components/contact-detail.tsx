import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ContactWithState } from '@contactsync/core';
import { birthdayText } from '../model/birthday-parts';
import { displayName } from '../model/display-name';
import { fieldList, type RefusedField } from '../model/refused-fields';
import { whenText } from '../model/format-time';
import { Avatar } from './avatar';
import { SyncBadge } from './sync-badge';
import { deviceCardOf } from '../vcard/device-cards';

export interface ContactDetailProps {
  readonly contact: ContactWithState;
  /** The account's replica database, the key of a vCard kept on this device for the contact. */
  readonly account: string;
  /** For a contact whose last change the server refused: the fields it was about. */
  readonly refused: readonly RefusedField[];
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
export function ContactDetail({ contact, account, refused, onEdit, onDelete, onBack }: ContactDetailProps) {
  const [confirming, setConfirming] = useState(false);
  const kept = useLiveQuery(() => deviceCardOf(account, contact.id), [account, contact.id]);
  const address = (a: ContactWithState['addresses'][number]) =>
    [a.street, a.city, a.region, a.postalCode, a.country].filter((p) => p !== '').join(', ');
  const note = contact.syncState === 'rejected' && refused.length > 0 ? undefined : STATE_NOTES[contact.syncState];
  const refusedPaths = new Set(refused.map((f) => f.path.split('.')[0]));
  const mark = (path: string): boolean => refusedPaths.has(path);

  return (
    <article className="detail" aria-labelledby="detail-title">
      <button type="button" className="back" onClick={onBack}>
        ← All contacts
      </button>
      <header className="detail-header">
        <Avatar name={displayName(contact)} size="large" />
        <h2 id="detail-title" tabIndex={-1}>
          {displayName(contact)}
        </h2>
        <SyncBadge state={contact.syncState} />
      </header>
      {note === undefined ? null : <p className="state-note">{note}</p>}
      {refused.length === 0 ? null : (
        <div className="refused-note" data-testid="refused-note">
          <p>
            <strong>Not saved:</strong> the server refused your change to {fieldList(refused.map((f) => f.label))}. It stays on this device
            until you send it again or discard it (see the inbox).
          </p>
          <ul>
            {refused.map((f) => (
              <li key={f.path}>
                {f.label}: you wrote “{f.mine}”; the server keeps “{f.server}”.
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="detail-fields">
        {contact.nickname === '' ? null : <Row label="Nickname" value={contact.nickname} refused={mark('nickname')} />}
        {contact.company === '' ? null : <Row label="Company" value={contact.company} refused={mark('company')} />}
        {contact.jobTitle === '' ? null : <Row label="Job title" value={contact.jobTitle} refused={mark('jobTitle')} />}
        {contact.emails.map((e, i) => (
          <Row key={`e${i}`} label={`Email (${e.type})`} value={e.address} href={`mailto:${e.address}`} />
        ))}
        {contact.phones.map((p, i) => (
          <Row key={`p${i}`} label={`Phone (${p.type})`} value={p.number} href={`tel:${p.number.replace(/[^\d+*#,;]/g, '')}`} />
        ))}
        {contact.addresses.map((a, i) => (
          <Row key={`a${i}`} label={`Address (${a.type})`} value={address(a)} />
        ))}
        {contact.birthday === '' ? null : <Row label="Birthday" value={birthdayText(contact.birthday)} refused={mark('birthday')} />}
        {contact.categories.length === 0 ? null : <Row label="Categories" value={contact.categories.join(', ')} />}
        {contact.notes === '' ? null : <Row label="Notes" value={contact.notes} refused={mark('notes')} />}
        {kept === undefined ? null : (
          <Row
            label="From its vCard, only on this device"
            value={`${kept.unmapped.join(', ')}: kept from the imported card, never sent to the server; an export writes them back.`}
          />
        )}
        <Row label="Last changed" value={whenText(contact.updatedAt)} />
      </dl>
      <div className="actions">
        <button type="button" className="primary" onClick={onEdit} aria-keyshortcuts="e">
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

function Row({
  label,
  value,
  refused = false,
  href,
}: {
  readonly label: string;
  readonly value: string;
  readonly refused?: boolean;
  readonly href?: string;
}) {
  return (
    <div className={refused ? 'detail-row refused' : 'detail-row'}>
      <dt>{label}</dt>
      <dd>
        {href === undefined ? value : <a href={href}>{value}</a>}
        {refused ? <span className="badge badge-rejected"> not saved</span> : null}
      </dd>
    </div>
  );
}
