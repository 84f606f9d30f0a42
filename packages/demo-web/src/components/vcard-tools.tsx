import { useId, useState } from 'react';
import type { ContactDraft } from '@contactsync/core';
import { countText } from '../model/format-time';
import { exportVCards, importVCards } from '../vcard/vcard-io';

export interface VCardToolsProps {
  /** What "Export" writes: the contacts the list shows now (all, or the search's matches). */
  readonly contacts: readonly ContactDraft[];
  /** Creates one imported contact; resolves to null, or to why it was refused. */
  readonly create: (draft: ContactDraft) => Promise<string | null>;
}

/** vCard export of the listed contacts, and import of a .vcf file as new contacts. */
export function VCardTools({ contacts, create }: VCardToolsProps) {
  const fileId = useId();
  const [result, setResult] = useState<string | null>(null);

  const download = (): void => {
    const url = URL.createObjectURL(new Blob([exportVCards(contacts)], { type: 'text/vcard;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = contacts.length === 1 ? 'contact.vcf' : 'contacts.vcf';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const upload = async (file: File): Promise<void> => {
    const { contacts: drafts, skipped } = importVCards(await file.text());
    let added = 0;
    const refused: string[] = [];
    for (const draft of drafts) {
      const problem = await create(draft);
      if (problem === null) added++;
      else refused.push(problem);
    }
    const notes = [
      skipped > 0 ? `${countText(skipped)} unreadable card${skipped === 1 ? '' : 's'} skipped` : '',
      refused.length > 0 ? `${countText(refused.length)} refused: ${refused[0] ?? ''}` : '',
    ]
      .filter((n) => n !== '')
      .join('; ');
    setResult(`Imported ${countText(added)} contact${added === 1 ? '' : 's'}${notes === '' ? '.' : ` (${notes}).`}`);
  };

  return (
    <div className="vcard-tools">
      <button type="button" onClick={download} disabled={contacts.length === 0}>
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
