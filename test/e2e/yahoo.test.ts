import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { YahooEmulator } from '@contactsync/adapters/emulators';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import type { TestBrowser } from './browser.js';
import { app, CONTACTS_PER_ACCOUNT, type DemoSession, eventually, openDemo, screenshot } from './kit.js';

/** The demo against the two emulated Yahoo accounts: XML first, then JSON after switching. */
describe('demo app on Yahoo', () => {
  let demo: DemoServer;
  let browser: TestBrowser;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const byEmail = (emulator: YahooEmulator, email: string) =>
    emulator.control.listContacts().find((e) => e.contact.emails.some((m) => m.address === email))?.contact;

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo();
    ({ demo, browser, page, ui } = session);
  });

  afterAll(() => session?.close());

  const firstSync = async (label: RegExp, shot: string): Promise<void> => {
    await ui.pickAccount(label);
    // Both read at once: right after the last chunk the bar moves on to the push phase (0 of 0).
    const bar = async (): Promise<string> =>
      `${await ui.initialBar.getAttribute('aria-valuenow')}/${await ui.initialBar.getAttribute('aria-valuemax')}`;
    await expect.poll(bar, { timeout: 60_000 }).toBe(`${CONTACTS_PER_ACCOUNT}/${CONTACTS_PER_ACCOUNT}`);
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 30_000 }).toBe('Up to date.');
    await screenshot(page, shot);
  };

  it('completes the first sync of the XML account, and sends an edit', async () => {
    await page.goto(demo.url);
    await firstSync(/Yahoo, XML/, 'yahoo-xml-first-sync');
    const email = demo.emulators.yahooXml.control.listContacts()[3]!.contact.emails[0]!.address;
    await ui.openContact(email);
    await ui.editJobTitle('Edited in the demo');
    await eventually(() => expect(byEmail(demo.emulators.yahooXml, email)?.jobTitle).toBe('Edited in the demo'));
    await expect.poll(() => page.getByRole('article').locator('[data-sync-state]').textContent()).toBe('Synced');
    await expect.poll(() => ui.pending.textContent()).toBe('No pending changes');
  });

  it('merges a -40902 conflict staged from the server console and shows it in the inbox', async () => {
    const email = demo.emulators.yahooXml.control.listContacts()[9]!.contact.emails[0]!.address;
    await ui.openContact(email);
    await ui.setNetwork(false);
    await ui.contactsTab.click();
    await ui.editJobTitle('Mine (Yahoo)');
    await ui.consoleTab.click();
    await page.getByLabel('New value').fill('Theirs (Yahoo)');
    await page.getByRole('button', { name: 'Change it on the server' }).click();
    await expect.poll(() => page.getByTestId('console-log').textContent()).toContain('Another device changed jobTitle');
    await ui.setNetwork(true);
    await expect.poll(() => ui.inboxTab.textContent(), { timeout: 30_000 }).toBe('Inbox (1)');
    await expect.poll(() => ui.pending.textContent(), { timeout: 30_000 }).toBe('No pending changes');
    await ui.inboxTab.click();
    const item = page.locator('[data-conflict-kind="overwritten"]');
    await expect.poll(() => item.textContent()).toContain('Theirs (Yahoo)');
    expect(byEmail(demo.emulators.yahooXml, email)?.jobTitle).toBe('Mine (Yahoo)');
    await screenshot(page, 'yahoo-inbox-conflict');
  });

  it('shows the waiting state for -50302 with a retry-after, then recovers by itself', async () => {
    await ui.consoleTab.click();
    await page.getByLabel('Requests').fill('1');
    await page.getByLabel('Retry after (seconds)').fill('5');
    await page.getByRole('button', { name: /-50302/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 15_000 }).toMatch(/Trying again in \d+ s\.$/);
    await screenshot(page, 'yahoo-waiting');
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 30_000 }).toBe('Up to date.');
  });

  it('opens the JSON account; hostile and escaped text from the server renders as typed', async () => {
    await page.getByRole('button', { name: 'Switch account' }).click();
    await firstSync(/Yahoo, JSON/, 'yahoo-json-first-sync');
    const hostile = '<img src=x onerror=alert(1)>';
    const template = demo.emulators.yahooJson.control.listContacts()[0]!.contact;
    demo.emulators.yahooJson.control.createContact({
      ...template,
      name: { given: hostile, middle: '', family: 'Yahoo', prefix: '', suffix: '' },
      company: 'Tom & Jerry &amp; Co',
      emails: [{ type: 'personal', address: 'hostile.yahoo@example.org' }],
    });
    await eventually(async () => {
      await page.getByRole('button', { name: 'Sync now' }).click();
      await ui.searchFor('hostile.yahoo');
      expect(await ui.row('hostile.yahoo@example.org').count()).toBe(1);
    });
    await ui.row('hostile.yahoo@example.org').click();
    await expect.poll(() => page.getByRole('article').getByRole('heading').textContent()).toBe(`${hostile} Yahoo`);
    expect(await page.getByRole('article').textContent()).toContain('Tom & Jerry &amp; Co');
    expect(await page.locator('img').count()).toBe(0);
    expect(browser.dialogs).toEqual([]);
    await screenshot(page, 'yahoo-json-hostile-text');
  });

  it('shows when the user is locked (-50302, retry-after 600)', async () => {
    await ui.consoleTab.click();
    await page.getByRole('button', { name: 'Lock the user', exact: true }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 15_000 }).toMatch(/Trying again in (\d+ min )?\d+ s\.$/);
    const pill = await page.getByTestId('sync-line').textContent();
    expect(pill).not.toMatch(/debug|cid|rev \d/i);
    await screenshot(page, 'yahoo-locked');
  });
});
