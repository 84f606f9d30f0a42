import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import type { TestBrowser } from './browser.js';
import { app, CONTACTS_PER_ACCOUNT, type DemoSession, eventually, openDemo, screenshot } from './kit.js';

/**
 * The demo against the emulated Windows Live account, as one person's session: first sync, offline
 * edits, a conflict staged from the server console, a busy server, hostile text, a reload. The tests
 * run in order and share the browser profile, as that person would.
 */
describe('demo app on Windows Live', () => {
  let demo: DemoServer;
  let browser: TestBrowser;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const server = () => demo.emulators.windowsLive.control;
  const serverContact = (email: string) =>
    server()
      .list()
      .find((e) => e.contact.emails.some((m) => m.address === email));

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo();
    ({ demo, browser, page, ui } = session);
  });

  afterAll(() => session?.close());

  const detailBadge = () => page.getByRole('article').locator('[data-sync-state]');

  it('completes the first sync with the progress bar reaching the total', async () => {
    await page.goto(demo.url);
    await screenshot(page, 'account-picker');
    await ui.pickAccount(/Windows Live/);
    await expect.poll(() => ui.initialBar.getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe(String(CONTACTS_PER_ACCOUNT));
    expect(await ui.initialBar.getAttribute('aria-valuemax')).toBe(String(CONTACTS_PER_ACCOUNT));
    await expect.poll(() => page.getByTestId('initial-sync').textContent()).toContain('2,000 of 2,000');
    await expect.poll(() => page.getByTestId('match-count').textContent(), { timeout: 30_000 }).toBe('2,000 contacts');
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 30_000 }).toBe('Up to date.');
    expect(await ui.pending.textContent()).toBe('No pending changes');
    expect(await page.getByTestId('last-synced').textContent()).toMatch(/^Last synced \d\d:\d\d:\d\d$/);
    // A windowed list: thousands of contacts, a screenful of rows in the DOM.
    expect(await ui.contactList.getByRole('listitem').count()).toBeLessThan(60);
    await screenshot(page, 'wl-first-sync');
  });

  it('searches as you type and filters by category', async () => {
    const target = server().list()[42]!.contact;
    await ui.searchFor(target.phones[0]!.number.slice(-9));
    await expect.poll(() => ui.row(target.emails[0]!.address).count()).toBe(1);
    await ui.searchFor(target.company);
    await expect.poll(() => page.getByTestId('match-count').textContent()).toMatch(/^[\d,]+ of 2,000 contacts$/);
    await ui.search.fill('');
    await page.getByLabel('Category').selectOption(target.categories[0]!);
    await expect.poll(() => page.getByTestId('match-count').textContent()).toMatch(/^[\d,]+ of 2,000 contacts$/);
    await page.getByLabel('Category').selectOption('');
    await screenshot(page, 'wl-contact-list');
  });

  it('shows pending badges for offline creates and edits, then syncs them after going online', async () => {
    const existing = server().list()[7]!.contact.emails[0]!.address;
    await ui.setNetwork(false);

    await ui.contactsTab.click();
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel('Last name').fill('Offline');
    await page.getByRole('button', { name: 'Add email' }).click();
    await page.getByLabel('Email 1 address').fill('grace.offline@example.org');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => detailBadge().textContent()).toBe('Pending');

    await ui.openContact(existing);
    await ui.editJobTitle('Edited while offline');
    await expect.poll(() => detailBadge().textContent()).toBe('Pending');

    await expect.poll(() => ui.pending.textContent()).toBe('2 pending changes');
    await expect.poll(() => ui.connection.textContent()).toBe('Offline');
    await ui.searchFor('offline');
    await expect.poll(() => ui.row('grace.offline@example.org').locator('[data-sync-state]').textContent()).toBe('Pending');
    await screenshot(page, 'wl-offline-pending');
    expect(serverContact('grace.offline@example.org')).toBeUndefined();

    await ui.setNetwork(true); // the app hears `online` and auto-sync runs
    await ui.contactsTab.click();
    await expect.poll(() => ui.pending.textContent(), { timeout: 30_000 }).toBe('No pending changes');
    await expect.poll(() => ui.connection.textContent()).toBe('Online');
    await ui.searchFor('grace.offline@example.org');
    await expect.poll(() => ui.row('grace.offline@example.org').locator('[data-sync-state]').textContent()).toBe('Synced');
    expect(serverContact('grace.offline@example.org')?.contact.name.family).toBe('Offline');
    expect(serverContact(existing)?.contact.jobTitle).toBe('Edited while offline');
  });

  it('merges a conflict provoked from the server console and shows it in the inbox', async () => {
    const email = server().list()[11]!.contact.emails[0]!.address;
    await ui.openContact(email);
    await ui.setNetwork(false);
    await ui.contactsTab.click();
    await ui.editJobTitle('Mine, from this device');

    await ui.consoleTab.click();
    await page.getByLabel('Field').selectOption('jobTitle');
    await page.getByLabel('New value').fill('Theirs, from another device');
    await page.getByRole('button', { name: 'Change it on the server' }).click();
    await expect.poll(() => page.getByTestId('console-log').textContent()).toContain('Another device changed jobTitle');
    await screenshot(page, 'wl-server-console');

    await ui.setNetwork(true);
    await expect.poll(() => ui.inboxTab.textContent(), { timeout: 30_000 }).toBe('Inbox (1)');
    await expect.poll(() => ui.pending.textContent(), { timeout: 30_000 }).toBe('No pending changes');
    await ui.inboxTab.click();
    const item = page.locator('[data-conflict-kind="overwritten"]');
    await expect.poll(() => item.textContent()).toContain('Mine, from this device');
    expect(await item.textContent()).toContain('Theirs, from another device');
    expect(await item.getByRole('rowheader').allTextContents()).toContain('Job title');
    expect(serverContact(email)?.contact.jobTitle).toBe('Mine, from this device');
    await screenshot(page, 'wl-inbox-conflict');

    // Restore: the other device's value becomes a new local edit, and syncs.
    await item.getByRole('button', { name: /Restore/ }).click();
    await expect.poll(() => ui.inboxTab.textContent()).toBe('Inbox');
    await eventually(() => expect(serverContact(email)?.contact.jobTitle).toBe('Theirs, from another device'), 30_000);
  });

  it('shows a write the server refused, with its user message, and can go back to the server version', async () => {
    const entry = server().list()[15]!;
    await ui.consoleTab.click();
    await page.getByRole('button', { name: 'Refuse the next change as invalid' }).click();
    await ui.openContact(entry.contact.emails[0]!.address);
    await ui.editJobTitle('Refused by the server');
    await expect.poll(() => detailBadge().textContent(), { timeout: 20_000 }).toBe('Rejected');
    await expect.poll(() => ui.inboxTab.textContent()).toBe('Inbox (1)');
    await ui.inboxTab.click();
    const item = page.locator('[data-conflict-kind="rejected"]');
    const message = await item.locator('.inbox-message').textContent();
    expect(message).toMatch(/Windows Live/);
    expect(message).not.toMatch(/PUT|POST|HTTP|\/users\//); // a user message, never request details
    await screenshot(page, 'wl-inbox-rejected');
    await item.getByRole('button', { name: 'Discard my change' }).click();
    // The refusal goes; what the user wrote stays in the inbox as a `discarded` record (core, issue 10).
    await expect.poll(() => page.locator('[data-conflict-kind="rejected"]').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-conflict-kind="discarded"]').textContent()).toContain('Refused by the server');
    expect(await ui.inboxTab.textContent()).toBe('Inbox (1)');
    await ui.contactsTab.click();
    await expect.poll(() => page.getByLabel('Job title').count()).toBe(0);
    await expect.poll(() => page.getByRole('article').textContent(), { timeout: 20_000 }).toContain(entry.contact.jobTitle);
    await expect.poll(() => detailBadge().textContent(), { timeout: 20_000 }).toBe('Synced');
  });

  it('shows the waiting state when the server answers 503 with Retry-After, then recovers by itself', async () => {
    await ui.consoleTab.click();
    await page.getByLabel('Requests').fill('1');
    await page.getByLabel('Retry after (seconds)').fill('6');
    await page.getByRole('button', { name: /503 and Retry-After/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 15_000 }).toMatch(/Trying again in \d+ s\.$/);
    await screenshot(page, 'wl-waiting-retry-after');
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 30_000 }).toBe('Up to date.');
  });

  it('renders a contact named <img src=x onerror=alert(1)> as text, and no dialog fires', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await ui.contactsTab.click();
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('First name').fill(hostile);
    await page.getByLabel('Company').fill('<script>alert(2)</script>');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('article').getByRole('heading').textContent()).toBe(hostile);
    // The same text arriving from the server, through XML.
    server().create({
      ...server().list()[0]!.contact,
      name: { given: hostile, middle: '', family: 'Remote', prefix: '', suffix: '' },
      emails: [{ type: 'personal', address: 'remote.hostile@example.org' }],
    });
    // Windows Live reports a change once the second it happened in has ended (docs/windows-live.md §1.4).
    await page.waitForTimeout(1_100);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await ui.searchFor('onerror');
    await expect.poll(() => ui.contactList.getByRole('button').count(), { timeout: 20_000 }).toBe(2);
    for (const title of await ui.contactList.locator('.contact-row-title').allTextContents()) expect(title.startsWith(hostile)).toBe(true);
    expect(await page.locator('img, script:not([src])').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(browser.dialogs).toEqual([]);
    await screenshot(page, 'wl-hostile-text');
  });

  it('rejects an invalid form with clear messages and keeps what was typed', async () => {
    await ui.contactsTab.click();
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('Nickname').fill('Typo');
    await page.getByRole('button', { name: 'Add email' }).click();
    await page.getByLabel('Email 1 address').fill('not-an-email');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.first().textContent()).toContain('Enter an email address like person@example.com.');
    expect(await page.getByLabel('Email 1 address').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Email 1 address').inputValue()).toBe('not-an-email');
    expect(await page.getByLabel('Nickname').inputValue()).toBe('Typo');
    // A second email takes the free slot (work); chosen as personal by hand, the field model's rule
    // (one personal email on Windows Live) names the field as you type.
    await page.getByRole('button', { name: 'Add email' }).click();
    expect(await page.getByLabel('Email 2 type').inputValue()).toBe('work');
    await page.getByLabel('Email 2 address').fill('second@example.org');
    await page.getByLabel('Email 2 type').selectOption('personal');
    await expect.poll(() => summary.first().textContent()).toContain('This account keeps one');
    await screenshot(page, 'wl-form-validation');
    await page.getByLabel('Email 2 type').selectOption('work');
    await expect.poll(() => summary.first().textContent()).not.toContain('This account keeps one');
    await page.getByLabel('Email 1 address').fill('typo@example.org');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('article').getByRole('heading').textContent()).toBe('Typo');
  });

  it('keeps everything across a reload, and opens from the replica with the network down', async () => {
    await ui.searchFor('');
    const count = '2,004 contacts';
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe(count);
    await ui.setNetwork(false);
    await page.reload();
    // Straight into the last account, from the replica: no first sync, nothing to wait for.
    await expect.poll(() => page.getByTestId('match-count').textContent(), { timeout: 10_000 }).toBe(count);
    expect(await page.getByTestId('initial-sync').count()).toBe(0);
    await ui.searchFor('grace.offline@example.org');
    await expect.poll(() => ui.row('grace.offline@example.org').count()).toBe(1);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => ui.connection.textContent()).toBe('Offline');
    await screenshot(page, 'wl-reload-offline');
    await ui.setNetwork(true);
    await expect.poll(() => ui.connection.textContent(), { timeout: 20_000 }).toBe('Online');
  });

  it('syncs by itself when the browser comes back online', async () => {
    await browser.context.setOffline(true);
    await ui.contactsTab.click();
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('Nickname').fill('Browser offline');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => detailBadge().textContent()).toBe('Pending');
    await expect.poll(() => ui.connection.textContent()).toBe('Offline');
    await page.waitForTimeout(1_000);
    expect(await detailBadge().textContent()).toBe('Pending');
    await browser.context.setOffline(false); // the page and the worker hear `online`
    await expect.poll(() => detailBadge().textContent(), { timeout: 20_000 }).toBe('Synced');
    expect(
      server()
        .list()
        .some((e) => e.contact.nickname === 'Browser offline'),
    ).toBe(true);
  });

  it('is usable on a phone (390x844) and by keyboard', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const small = app(phone);
    await phone.goto(demo.url);
    // The app reopens where the person was: the last contact, whose pane replaces the list on a phone.
    const back = phone.getByRole('button', { name: '← All contacts' });
    await expect.poll(async () => (await back.isVisible()) || (await small.contactList.isVisible()), { timeout: 10_000 }).toBe(true);
    if (await back.isVisible()) await back.click();
    await expect.poll(() => phone.getByTestId('match-count').textContent(), { timeout: 10_000 }).toMatch(/contacts$/);
    const noSideScroll = () => phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideScroll()).toBe(true);
    await screenshot(phone, 'phone-list');

    // Keyboard: the search box, then arrow keys through the list.
    await small.search.focus();
    await phone.keyboard.type('a');
    const first = small.contactList.getByRole('button').first();
    await first.focus();
    await phone.keyboard.press('ArrowDown');
    expect(await phone.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-index'))).toBe('1');
    await phone.keyboard.press('Enter');
    await expect.poll(() => phone.getByRole('article').count()).toBe(1);
    expect(await small.contactList.count()).toBe(0); // the pane replaces the list on a phone
    expect(await noSideScroll()).toBe(true);
    await screenshot(phone, 'phone-detail');

    await phone.getByRole('button', { name: 'Edit' }).click();
    expect(await noSideScroll()).toBe(true);
    await screenshot(phone, 'phone-form');
    await phone.getByRole('button', { name: 'Cancel' }).click();
    await small.inboxTab.click();
    await screenshot(phone, 'phone-inbox');
    await small.consoleTab.click();
    expect(await noSideScroll()).toBe(true);
    await screenshot(phone, 'phone-console');
    await phone.close();
  });
});
