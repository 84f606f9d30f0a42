import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toDraft } from '@contactsync/core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { app, type DemoSession, eventually, openDemo } from './kit.js';

/** Search and the list: a new search from the top, matches highlighted, "No matches" said. */
describe('search and the contact list', () => {
  let demo: DemoServer;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const server = () => demo.emulators.windowsLive.control;
  const viewportTop = () => page.locator('.virtual-viewport').evaluate((el) => el.scrollTop);

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo({ contacts: 400, account: /Windows Live/ });
    ({ demo, page, ui } = session);
  });

  afterAll(() => session?.close());

  it('starts a new search from the top of the list', async () => {
    await page.locator('.virtual-viewport').evaluate((el) => {
      el.scrollTop = 4_000;
    });
    await expect.poll(viewportTop).toBeGreaterThan(3_000);
    await ui.search.fill('a');
    await expect.poll(viewportTop).toBe(0);
    expect(await page.locator('[data-index="0"]').count()).toBe(1);
    // Scrolled down within the results, then a narrower search: from the top again.
    await page.locator('.virtual-viewport').evaluate((el) => {
      el.scrollTop = 2_000;
    });
    await expect.poll(viewportTop).toBeGreaterThan(1_000);
    await ui.search.fill('an');
    await expect.poll(viewportTop).toBe(0);
  });

  it('highlights what matched, without case or accents', async () => {
    const contact = server()
      .list()
      .find((e) => e.contact.name.family.length >= 4)!.contact;
    const family = contact.name.family;
    await ui.search.fill(family.toUpperCase());
    const row = ui.row(contact.emails[0]?.address ?? family).first();
    await expect.poll(() => row.locator('mark').first().textContent()).toBe(family);
  });

  it('says "No matches" and offers to clear the search', async () => {
    await ui.search.fill('zzqqxx no such person');
    await expect.poll(() => page.getByTestId('no-matches').textContent()).toContain('No matches for “zzqqxx no such person”.');
    expect(await ui.contactList.getByRole('listitem').count()).toBe(0);
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('400 contacts');
    expect(await ui.search.inputValue()).toBe('');
    expect(await page.getByTestId('no-matches').count()).toBe(0);
  });

  it('sorts by first or last name, with letter headers', async () => {
    await ui.search.fill('');
    await page.getByLabel('Sort by').selectOption('last');
    const letters = () => page.locator('.letter-header').evaluateAll((els) => els.map((el) => el.getAttribute('data-letter')));
    await expect.poll(async () => (await letters())[0]).toBe('A');
    const families = server()
      .list()
      .map((e) => e.contact.name.family)
      .filter((f) => f !== '');
    const first = [...families].sort(new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare)[0]!;
    expect(await page.locator('[data-index="0"] .contact-row-title').textContent()).toContain(first);
    await page.getByLabel('Sort by').selectOption('first');
    await expect.poll(async () => (await letters())[0]).toBe('A');
  });

  it('links emails and phone numbers', async () => {
    const contact = server()
      .list()
      .find((e) => e.contact.emails.length > 0 && e.contact.phones.length > 0)!.contact;
    await ui.openContact(contact.emails[0]!.address);
    const article = page.getByRole('article');
    expect(await article.getByRole('link', { name: contact.emails[0]!.address }).getAttribute('href')).toBe(
      `mailto:${contact.emails[0]!.address}`,
    );
    expect(await article.getByRole('link', { name: contact.phones[0]!.number }).getAttribute('href')).toMatch(/^tel:\+?[\d*#,;]+$/);
  });

  it('undoes a delete, and makes it once the undo time is over', async () => {
    const email = server().list()[20]!.contact.emails[0]!.address;
    const onServer = () =>
      server()
        .list()
        .some((e) => e.contact.emails.some((m) => m.address === email));
    await ui.openContact(email);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.getByTestId('undo-toast').textContent()).toMatch(/^Deleted .+\.Undo$/);
    await expect.poll(() => ui.row(email).count()).toBe(0);
    await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => ui.row(email).count()).toBe(1);
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.waitForTimeout(1_000);
    expect(onServer()).toBe(true);

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await eventually(() => expect(onServer()).toBe(false), 30_000);
    expect(await page.getByTestId('undo-toast').count()).toBe(0);
  });

  it('has keyboard shortcuts that never take over typing', async () => {
    await ui.search.fill('');
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('/');
    // The shortcut focuses the search box in the next animation frame.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    await page.keyboard.type('n'); // typed into the search box, not a shortcut
    expect(await ui.search.inputValue()).toBe('n');
    await ui.search.fill('');
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcuts').textContent()).toContain('New contact');
    await page.keyboard.press('?');
    await page.keyboard.press('n');
    await expect.poll(() => page.getByRole('heading', { name: 'New contact' }).count()).toBe(1);
    // The form's first field: First name, since Windows Live stores no name prefix (its field model).
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe('name.given');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('follows the system’s dark mode, and a chosen theme', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).toBe('rgb(18, 22, 28)');
    await page.getByLabel('Theme').selectOption('light');
    await expect.poll(background).toBe('rgb(246, 247, 249)');
    await page.reload();
    await expect.poll(background).toBe('rgb(246, 247, 249)');
    await page.getByLabel('Theme').selectOption('system');
    await expect.poll(background).toBe('rgb(18, 22, 28)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(background).toBe('rgb(18, 22, 28)');
    await page.getByLabel('Theme').selectOption('system');
  });

  it('exports a contact as vCard and imports it back as a new contact, every field kept', async () => {
    const source = server()
      .list()
      .find((e) => e.contact.emails.length > 0 && e.contact.phones.length > 0 && e.contact.addresses.length > 0)!.contact;
    await ui.searchFor(source.emails[0]!.address);
    await expect.poll(() => page.getByTestId('match-count').textContent()).toMatch(/^1 of \d+ contacts$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export this contact (vCard)' }).click(),
    ]);
    const text = await readFile(await download.path(), 'utf8');
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    // The same card under another name and email, so the import is a new contact to find.
    const copy = text
      .replace(/^N:[^\r]*/m, 'N:Imported;Vera;;;')
      .replace(/^FN:[^\r]*/m, 'FN:Vera Imported')
      .replaceAll(source.emails[0]!.address, 'vera.imported@example.org');
    await page.getByLabel('Import vCard…').setInputFiles({ name: 'vera.vcf', mimeType: 'text/vcard', buffer: Buffer.from(copy) });
    await expect.poll(() => page.getByTestId('vcard-result').textContent()).toBe('Imported 1 contact.');
    const imported = () =>
      server()
        .list()
        .find((e) => e.contact.emails.some((m) => m.address === 'vera.imported@example.org'))?.contact;
    await eventually(() => expect(imported()).toBeDefined(), 30_000);
    const { name: _n, emails: _e, ...rest } = source;
    const { name, emails, ...importedRest } = imported()!;
    expect(name).toMatchObject({ given: 'Vera', family: 'Imported' });
    expect(emails.map((m) => m.address)).toEqual(
      source.emails.map((m) => (m.address === source.emails[0]!.address ? 'vera.imported@example.org' : m.address)),
    );
    expect(importedRest).toEqual(rest);
  });

  it('renames and removes a category on every contact, through the engine', async () => {
    const withCategory = (name: string) =>
      server()
        .list()
        .filter((e) => e.contact.categories.includes(name)).length;
    const name = server()
      .list()
      .find((e) => e.contact.categories.length > 0)!.contact.categories[0]!;
    const count = withCategory(name);
    await ui.searchFor('');
    await page.getByText('Manage categories').click();
    await page.getByRole('button', { name: `Rename ${name}`, exact: true }).click();
    await page.getByLabel(`New name for ${name}`).fill('Renamed group');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('category-result').textContent())
      .toMatch(/^Renamed “.+” to “Renamed group” on [\d,]+ contacts\.$/);
    await eventually(() => expect([withCategory(name), withCategory('Renamed group')]).toEqual([0, count]), 30_000);

    await page.getByRole('button', { name: 'Remove Renamed group', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await eventually(() => expect(withCategory('Renamed group')).toBe(0), 30_000);
    expect(await page.locator('[data-category="Renamed group"]').count()).toBe(0);
  });

  it('finds duplicates and merges them with nothing lost', async () => {
    const name = { given: 'Dupli', family: 'Cate' };
    server().create(
      toDraft({
        name,
        company: 'Acme',
        emails: [{ type: 'work', address: 'dupli.work@example.org' }],
        phones: [{ type: 'mobile', number: '+1 555 0101' }],
      }),
    );
    server().create(
      toDraft({
        name,
        company: 'Other Co',
        emails: [{ type: 'personal', address: 'dupli.home@example.org' }],
        phones: [{ type: 'home', number: '+1 555 0102' }],
        categories: ['Friends'],
      }),
    );
    const onServer = () =>
      server()
        .list()
        .filter((e) => e.contact.name.given === 'Dupli' && e.contact.name.family === 'Cate')
        .map((e) => e.contact);
    await page.waitForTimeout(1_100); // Windows Live reports a change once its second has ended
    await page.getByRole('button', { name: 'Sync now' }).click();
    await ui.searchFor('Dupli Cate');
    await expect.poll(() => ui.contactList.getByRole('button').count(), { timeout: 20_000 }).toBe(2);

    await page.getByRole('button', { name: 'Find duplicates' }).click();
    const group = page.getByTestId('duplicate-group').filter({ hasText: 'Dupli Cate' });
    await expect.poll(() => group.count()).toBe(1);
    await group.getByRole('button', { name: 'Merge into one' }).click();
    await eventually(() => expect(onServer()).toHaveLength(1), 30_000);
    const merged = onServer()[0]!;
    expect(merged.emails.map((e) => e.address).sort()).toEqual(['dupli.home@example.org', 'dupli.work@example.org']);
    expect(merged.phones.map((p) => p.number).sort()).toEqual(['+1 555 0101', '+1 555 0102']);
    expect(merged.categories).toEqual(['Friends']);
    expect([merged.company, merged.notes]).toContainEqual(expect.stringContaining('Other Co'));
    expect([merged.company, merged.notes]).toContainEqual(expect.stringContaining('Acme'));
  });
});
