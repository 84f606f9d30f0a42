import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readVCardFile } from '@contactsync/adapters';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { app, type DemoSession, eventually, openDemo } from './kit.js';

const PHOTO =
  'PHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mOwzluBFTEMLQkA0GhUQW39oK4AAAAASUVORK5CYII=';

/** A card as a phone exports it: the fields the model maps, and a photo, a URL and an X- property it does not. */
const CARD = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'UID:photo-card-1',
  'FN:Paula Photo',
  'N:Photo;Paula;;;',
  'EMAIL;TYPE=home:paula.photo@example.org',
  'TEL;TYPE=cell:+1 555 0199',
  PHOTO,
  'URL:https://paula.example/',
  'X-PHONETIC-FIRST-NAME:Pola',
  'END:VCARD',
  '',
].join('\r\n');

/**
 * vCard import and export through the CardDAV adapter's vCard code, on an account whose service has
 * no photo (Windows Live): the photo and the other properties the model does not map are kept on
 * this device with the contact, said so, and written back by an export. Nothing vanishes silently.
 */
describe('vCard import and export', () => {
  let demo: DemoServer;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const onServer = (email: string) =>
    demo.emulators.windowsLive.control.list().find((e) => e.contact.emails.some((m) => m.address === email))?.contact;

  const exportShown = async (): Promise<string> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export this contact (vCard)' }).click(),
    ]);
    return readFile(await download.path(), 'utf8');
  };

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo({ contacts: 100, account: /Windows Live/ });
    ({ demo, page, ui } = session);
  });

  afterAll(() => session?.close());

  it('vCard export then import round-trips a contact with a photo', async () => {
    await ui.contactsTab.click();
    await page.getByLabel('Import vCard…').setInputFiles({ name: 'paula.vcf', mimeType: 'text/vcard', buffer: Buffer.from(CARD) });
    await expect
      .poll(() => page.getByTestId('vcard-result').textContent())
      .toBe(
        'Imported 1 contact. 1 carried properties this app does not edit (PHOTO, URL, X-PHONETIC-FIRST-NAME): ' +
          'they are kept on this device only, not sent to the server, and go out again with an export.',
      );
    await ui.openContact('paula.photo@example.org');
    await expect.poll(() => page.getByRole('article').textContent()).toContain('PHOTO, URL, X-PHONETIC-FIRST-NAME');
    // The mapped fields reach the server; the photo does not (Windows Live has no photo).
    await eventually(
      () => expect(onServer('paula.photo@example.org')?.phones).toEqual([{ type: 'mobile', number: '+1 555 0199' }]),
      30_000,
    );

    // An edit, then an export: the kept card is patched, so the photo comes back out with the edit.
    await ui.editJobTitle('Photographer');
    const exported = await exportShown();
    expect(exported).toContain(`${PHOTO.slice(0, 70)}`);
    const [card] = readVCardFile(exported).cards;
    expect(card?.unmapped).toEqual(['PHOTO', 'URL', 'X-PHONETIC-FIRST-NAME']);
    expect(card?.draft).toMatchObject({ jobTitle: 'Photographer', name: { given: 'Paula', family: 'Photo' } });
    expect(card?.card.replace(/\r\n /g, '')).toContain(PHOTO);

    // Imported again (as a new contact under another email): the photo is kept with it too.
    const copy = exported.replaceAll('paula.photo@example.org', 'paula.copy@example.org');
    await page.getByLabel('Import vCard…').setInputFiles({ name: 'copy.vcf', mimeType: 'text/vcard', buffer: Buffer.from(copy) });
    await expect.poll(() => page.getByTestId('vcard-result').textContent()).toMatch(/^Imported 1 contact\. 1 carried properties/);
    await ui.openContact('paula.copy@example.org');
    await expect.poll(() => page.getByRole('article').textContent()).toContain('PHOTO, URL, X-PHONETIC-FIRST-NAME');
    const again = readVCardFile(await exportShown()).cards[0];
    expect(again?.card.replace(/\r\n /g, '')).toContain(PHOTO);
    expect(again?.draft).toEqual({ ...card?.draft, emails: [{ type: 'personal', address: 'paula.copy@example.org' }] });
    await eventually(() => expect(onServer('paula.copy@example.org')?.jobTitle).toBe('Photographer'), 30_000);
  });
});
