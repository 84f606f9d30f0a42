import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { APP_DIR } from '../../scripts/demo-build.mjs';
import { startDemo, type DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { launchBrowser, type TestBrowser } from './browser.js';
import { app, eventually } from './kit.js';

const CONTACTS = 150;

/**
 * Restarting the demo server loses nothing: the Windows Live book is kept in the state directory and
 * its replica goes on syncing with it; the Yahoo books start again from their seed (their emulator
 * keeps nothing), and the changes this device had not sent are kept and offered for the new book.
 */
describe('a restart of the demo', () => {
  let stateDir: string;
  let demo: DemoServer;
  let browser: TestBrowser;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const wlContact = (email: string) =>
    demo.emulators.windowsLive.control.list().find((e) => e.contact.emails.some((m) => m.address === email))?.contact;
  const start = (port: number) => startDemo({ appDir: APP_DIR, port, contactsPerAccount: CONTACTS, stateDir });
  const upToDate = () => eventually(async () => expect(await ui.syncLine.textContent()).toBe('Up to date.'), 60_000);

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'contactsync-demo-state-'));
    demo = await start(0);
    browser = await launchBrowser();
    page = await browser.newPage();
    ui = app(page);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('keeps the Windows Live book and the replica, and sends what was unsent; offers Yahoo’s unsent changes for its new book', async () => {
    const [synced, unsent] = [demo.emulators.windowsLive.control.list()[2]!.contact, demo.emulators.windowsLive.control.list()[3]!.contact];
    await page.goto(demo.url);
    await ui.pickAccount(/Windows Live/);
    await upToDate();
    await ui.openContact(synced.emails[0]!.address);
    await ui.editJobTitle('Synced before the restart');
    await eventually(() => expect(wlContact(synced.emails[0]!.address)?.jobTitle).toBe('Synced before the restart'), 30_000);

    await page.getByRole('button', { name: 'Switch account' }).click();
    await ui.pickAccount(/Yahoo, XML/);
    await upToDate();
    await ui.setNetwork(false);
    await ui.contactsTab.click();
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('First name').fill('Kept');
    await page.getByLabel('Last name').fill('Across Restart');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => ui.pending.textContent()).toBe('1 pending change');

    await page.getByRole('button', { name: 'Switch account' }).click();
    await ui.pickAccount(/Windows Live/);
    await ui.openContact(unsent.emails[0]!.address);
    await ui.editJobTitle('Unsent at the restart');
    await expect.poll(() => ui.pending.textContent()).toBe('1 pending change');

    const port = Number(new URL(demo.url).port);
    await demo.close();
    demo = await start(port); // the same origin, so the same browser storage

    await page.reload();
    await eventually(() => expect(wlContact(unsent.emails[0]!.address)?.jobTitle).toBe('Unsent at the restart'), 30_000);
    await expect.poll(() => ui.pending.textContent(), { timeout: 30_000 }).toBe('No pending changes');
    expect(wlContact(synced.emails[0]!.address)?.jobTitle).toBe('Synced before the restart');
    expect(demo.emulators.windowsLive.control.list()).toHaveLength(CONTACTS);

    await page.getByRole('button', { name: 'Switch account' }).click();
    await ui.pickAccount(/Yahoo, XML/);
    const notice = page.getByTestId('kept-notice');
    await expect
      .poll(() => notice.textContent(), { timeout: 30_000 })
      .toContain('1 change you made here had not been sent yet; it was kept on this device.');
    await upToDate();
    await notice.getByRole('button', { name: 'Add them to this book' }).click();
    await eventually(
      () => expect(demo.emulators.yahooXml.control.listContacts().some((e) => e.contact.name.family === 'Across Restart')).toBe(true),
      30_000,
    );
    expect(await page.getByTestId('kept-notice').count()).toBe(0);
  });

  it('keeps the CardDAV book (Radicale’s storage in the state directory), its password and its replica’s name', async () => {
    const before = demo.radicale!;
    const carddav = () => demo.accounts.find((a) => a.id === 'carddav')!;
    const databaseName = carddav().databaseName;
    const put = await fetch(new URL(`${before.bookPath}kept-across.vcf`, before.origin), {
      method: 'PUT',
      headers: { Authorization: before.authorization, 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*' },
      body: 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:kept-across\r\nFN:Kept Across\r\nN:Across;Kept;;;\r\nEND:VCARD\r\n',
    });
    expect(put.status).toBe(201);

    const port = Number(new URL(demo.url).port);
    await demo.close();
    demo = await start(port);

    const after = demo.radicale!;
    expect(after.password).toBe(before.password);
    expect(carddav().databaseName).toBe(databaseName);
    const card = await fetch(new URL(`${after.bookPath}kept-across.vcf`, after.origin), {
      headers: { Authorization: after.authorization },
    });
    expect(card.status).toBe(200);
    expect(await card.text()).toContain('FN:Kept Across');
  });
});
