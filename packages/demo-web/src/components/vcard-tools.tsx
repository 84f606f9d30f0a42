import { useId, useState } from 'react';
import type { ContactDraft, ContactWithState } from '@contactsync/core';
import { countText } from '../model/format-time';
import { deviceCardsOf, keepDeviceCards, type DeviceCard } from '../vcard/device-cards';

/** The vCard code (ical.js) loads on first use: it is not part of the app's first paint. */
const vcardIo = () => import('../vcard/vcard-io');

export interface VCardToolsProps {
  /** What "Export" writes: the contacts the list shows now (all, or the search's matches). */
  readonly contacts: readonly ContactWithState[];
  /** The account's replica database: the key of the cards kept on this device. */
  readonly account: string;
  /**
   * True on a CardDAV account: its synced cards may hold photos and other properties on the server
   * that the replica does not keep, so the export says they are not in the file.
   */
  readonly serverHoldsCards: boolean;
  /** Creates one imported contact; resolves to its id, or to why it was refused. */
  readonly create: (draft: ContactDraft) => Promise<{ readonly id: string } | { readonly problem: string }>;
}

const plural = (n: number, word: string): string => `${countText(n)} ${word}${n === 1 ? '' : 's'}`;

/** vCard export of the listed contacts, and import of a .vcf file as new contacts. */
export function VCardTools({ contacts, account, serverHoldsCards, create }: VCardToolsProps) {
  const fileId = useId();
  const [result, setResult] = useState<string | null>(null);

  const download = async (): Promise<void> => {
    const [kept, { exportVCards }] = await Promise.all([deviceCardsOf(account), vcardIo()]);
    const url = URL.createObjectURL(new Blob([exportVCards(contacts, kept)], { type: 'text/vcard;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = contacts.length === 1 ? 'contact.vcf' : 'contacts.vcf';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    const withKept = contacts.filter((c) => kept.has(c.id)).length;
    setResult(
      [
        `Exported ${plural(contacts.length, 'contact')}`,
        withKept > 0 ? ` (${countText(withKept)} with the photo and other properties of their imported card)` : '',
        '.',
        serverHoldsCards ? ' Photos and other properties that only the CardDAV server holds are not in the file.' : '',
      ].join(''),
    );
  };

  const upload = async (file: File): Promise<void> => {
    const { importVCards } = await vcardIo();
    const { cards, skipped } = importVCards(await file.text());
    const keep: DeviceCard[] = [];
    const refused: string[] = [];
    for (const card of cards) {
      const made = await create(card.draft);
      if ('problem' in made) refused.push(made.problem);
      else if (card.unmapped.length > 0) keep.push({ account, contactId: made.id, card: card.card, unmapped: card.unmapped });
    }
    await keepDeviceCards(keep);
    const added = cards.length - refused.length;
    const names = [...new Set(keep.flatMap((k) => k.unmapped))].slice(0, 4).join(', ');
    const notes = [
      skipped > 0 ? `${plural(skipped, 'unreadable card')} skipped` : '',
      refused.length > 0 ? `${countText(refused.length)} refused: ${refused[0] ?? ''}` : '',
    ]
      .filter((n) => n !== '')
      .join('; ');
    setResult(
      `Imported ${plural(added, 'contact')}${notes === '' ? '.' : ` (${notes}).`}` +
        (keep.length > 0
          ? ` ${countText(keep.length)} carried properties this app does not edit (${names}): they are kept on this device only, not sent to the server, and go out again with an export.`
          : ''),
    );
  };

  return (
    <div className="vcard-tools">
      <button type="button" onClick={() => void download()} disabled={contacts.length === 0}>
        Export {contacts.length === 1 ? 'this contact' : `${countText(contacts.length)} contacts`} (vCard)
      </button>
      <input
        id={fileId}
        className="visually-hidden"
        type="file"
        accept=".vcf,text/vcard,text/x-vcard"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file !== undefined) void upload(file);
        }}
      />
      <label className="file-button" htmlFor={fileId}>
        Import vCard…
      </label>
      {result === null ? null : (
        <p role="status" className="vcard-result" data-testid="vcard-result">
          {result}
        </p>
      )}
    </div>
  );
}
