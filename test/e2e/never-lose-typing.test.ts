import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { app, type DemoSession, eventually, openDemo } from './kit.js';

/**
 * Unsaved edits survive what a person does between typing and saving: clicking another contact,
 * switching tabs, reloading. Birthdays: a year-less one is a value of its own, and partial input never
 * saves as "no birthday".
 */
describe('the demo never loses typing', () => {
  let demo: DemoServer;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const server = () => demo.emulators.windowsLive.control;
  const serverContact = (email: string) =>
    server()
      .list()
      .find((e) => e.contact.emails.some((m) => m.address === email))?.contact;
  const form = () => page.locator('form.contact-form');
  // 'Year' on Windows Live (its field model takes only whole dates), 'Year (optional)' elsewhere.
  const yearInput = () => page.getByLabel(/^Year/);

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo({ contacts: 200, account: /Windows Live/ });
    ({ demo, page, ui } = session);
  });

  afterAll(() => session?.close());

  it('keeps an unsaved edit across another contact, a tab switch and a reload, then saves it', async () => {
    const [a, b] = [server().list()[3]!.contact, server().list()[4]!.contact];
    const emailA = a.emails[0]!.address;
    await ui.openContact(emailA);
    await page.getByRole('button', { name: 'Edit' }).click();
    // Focus follows the person: the form's first field, not the page body.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.getByLabel('Job title').fill('Typed, not saved');
    expect(await page.getByTestId('unsaved-marker').textContent()).toBe('Unsaved changes');

    // Another contact: its details show; the first one is marked in the list.
    await ui.openContact(b.emails[0]!.address);
    expect(await form().count()).toBe(0);
    await ui.searchFor(emailA);
    await expect.poll(() => ui.row(emailA).locator('.badge-draft').textContent()).toBe('Unsaved');
    await ui.row(emailA).click();
    expect(await page.getByLabel('Job title').inputValue()).toBe('Typed, not saved');
    expect(await page.getByTestId('restored-note').textContent()).toMatch(/unsaved changes from \d\d:\d\d:\d\d were kept/);

    // Another tab and back.
    await ui.inboxTab.click();
    await ui.contactsTab.click();
    expect(await page.getByLabel('Job title').inputValue()).toBe('Typed, not saved');

    // A reload: the same contact, the same form, the same text.
    await page.reload();
    await expect.poll(() => page.getByLabel('Job title').inputValue(), { timeout: 15_000 }).toBe('Typed, not saved');
    expect(await page.getByTestId('unsaved-marker').count()).toBe(1);
    expect(serverContact(emailA)?.jobTitle).toBe(a.jobTitle);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('article').textContent()).toContain('Typed, not saved');
    await eventually(() => expect(serverContact(emailA)?.jobTitle).toBe('Typed, not saved'), 30_000);
    // Saved: the draft is gone, so the contact opens as details again.
    await ui.openContact(b.emails[0]!.address);
    await ui.openContact(emailA);
    expect(await form().count()).toBe(0);
  });

  it('sends only the fields that were edited, so a change made meanwhile elsewhere is kept', async () => {
    const c = server().list()[6]!;
    const email = c.contact.emails[0]!.address;
    await ui.openContact(email);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Nickname').fill('Edited here');
    server().update(c.remoteId, { company: 'Changed on another device' });
    await page.waitForTimeout(1_100); // Windows Live reports a change once its second has ended
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 20_000 }).toBe('Up to date.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(() => expect(serverContact(email)?.nickname).toBe('Edited here'), 30_000);
    expect(serverContact(email)?.company).toBe('Changed on another device');
  });

  it('makes a year-less birthday from an empty year and never saves partial input as no birthday', async () => {
    const entry = server()
      .list()
      .find((e) => /^\d{4}-\d\d-\d\d$/.test(e.contact.birthday) && e.contact.emails.length > 0)!;
    const email = entry.contact.emails[0]!.address;
    const old = entry.contact.birthday;
    await ui.openContact(email);
    await page.getByRole('button', { name: 'Edit' }).click();
    const [year, month, day] = old.split('-');
    expect(await yearInput().inputValue()).toBe(year);
    expect(await page.getByLabel('Month').inputValue()).toBe(String(Number(month)));
    expect(await page.getByLabel('Day', { exact: true }).inputValue()).toBe(String(Number(day)));

    // Partial input: an error to fix, and the stored birthday stays.
    await page.getByLabel('Month').selectOption('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Enter both the day and the month');
    await page.waitForTimeout(500);
    expect(serverContact(email)?.birthday).toBe(old);

    // The year cleared: the form sends `--MM-DD`. Where core or the service does not take a year-less
    // birthday yet, the save is refused with a message and the old birthday is kept, never deleted.
    await page.getByLabel('Month').selectOption(String(Number(month)));
    await yearInput().fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const yearless = `--${month}-${day}`;
    await eventually(async () => {
      const saved = (await page.getByRole('article').count()) === 1;
      const refused = (await page.locator('.birthday-field .field-error').count()) === 1;
      expect(saved || refused).toBe(true);
    });
    if ((await page.getByRole('article').count()) === 1) {
      expect(await page.getByRole('article').textContent()).toContain(`${Number(day)} `);
      await eventually(() => expect(serverContact(email)?.birthday).toBe(yearless), 30_000);
    } else {
      expect(await yearInput().inputValue()).toBe('');
      await page.waitForTimeout(500);
      expect(serverContact(email)?.birthday).toBe(old);
      await page.getByRole('button', { name: 'Discard changes' }).click();
    }
    expect(serverContact(email)?.birthday).not.toBe('');
  });
});
