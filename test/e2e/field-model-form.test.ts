import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { app, type DemoSession, eventually, openDemo } from './kit.js';

/**
 * The form reads the account's field model (issue 10): on Windows Live emails are slots (one
 * personal, one work, one other), so a new email takes a type with room left, "Add email" is off
 * once all three are taken, and fields the service does not store (name prefix and suffix) are not
 * offered.
 */
describe('the form offers what the account stores', () => {
  let demo: DemoServer;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const server = () => demo.emulators.windowsLive.control;

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo({ contacts: 50, account: /Windows Live/ });
    ({ demo, page, ui } = session);
  });

  afterAll(() => session?.close());

  it('on Windows Live a second email takes work, not personal, and the list closes when full', async () => {
    await ui.contactsTab.click();
    await page.getByRole('button', { name: 'New contact' }).click();
    const addEmail = page.getByRole('button', { name: 'Add email' });
    await addEmail.click();
    expect(await page.getByLabel('Email 1 type').inputValue()).toBe('personal');
    await addEmail.click();
    expect(await page.getByLabel('Email 2 type').inputValue()).toBe('work');
    // Only the types Windows Live accepts are offered.
    expect(await page.getByLabel('Email 2 type').locator('option').allTextContents()).toEqual(['personal', 'work', 'other']);
    await addEmail.click();
    expect(await page.getByLabel('Email 3 type').inputValue()).toBe('other');
    expect(await addEmail.isDisabled()).toBe(true);
    // Windows Live stores no name prefix or suffix, and a new contact holds none: not offered.
    expect(await page.getByLabel('Prefix').count()).toBe(0);
    expect(await page.getByLabel('Suffix').count()).toBe(0);
    // Birthdays only with their year there.
    expect(await page.getByLabel('Year', { exact: true }).count()).toBe(1);

    await page.getByLabel('First name').fill('Slots');
    await page.getByLabel('Email 1 address').fill('slot.personal@example.org');
    await page.getByLabel('Email 2 address').fill('slot.work@example.org');
    await page.getByRole('button', { name: 'Remove email 3' }).click();
    expect(await addEmail.isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(() => {
      const saved = server()
        .list()
        .find((e) => e.contact.name.given === 'Slots')?.contact;
      expect(saved?.emails.map((m) => [m.type, m.address])).toEqual([
        ['personal', 'slot.personal@example.org'],
        ['work', 'slot.work@example.org'],
      ]);
    }, 30_000);
  });

  it('shows a field the service does not store only where the contact holds a value, marked "only on this device"', async () => {
    // Imported from a vCard with a name prefix: Windows Live has no place for it, so it stays here.
    const card = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Dr Prefixed Person',
      'N:Person;Prefixed;;Dr;',
      'EMAIL;TYPE=home:prefixed.person@example.org',
      'END:VCARD',
      '',
    ].join('\r\n');
    await ui.contactsTab.click();
    await page.getByLabel('Import vCard…').setInputFiles({ name: 'prefixed.vcf', mimeType: 'text/vcard', buffer: Buffer.from(card) });
    await expect.poll(() => page.getByTestId('vcard-result').textContent()).toBe('Imported 1 contact.');
    await ui.openContact('prefixed.person@example.org');
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect.poll(() => page.getByLabel(/^Prefix/).count()).toBe(1);
    expect(await page.getByLabel(/^Prefix/).inputValue()).toBe('Dr');
    expect(await page.locator('label', { hasText: 'Prefix' }).textContent()).toContain('only on this device');
    expect(await page.getByLabel(/^Suffix/).count()).toBe(0);
    await page.getByRole('button', { name: /Cancel|Discard changes/ }).click();
  });
});
