import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeVCard } from '@contactsync/adapters';
import { EMPTY_DRAFT } from '@contactsync/core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { RemoteClient } from '../carddav/remote-book.js';
import { startRadicale, type CardDavServer } from '../carddav/servers.js';
import { app, openDemo, type DemoSession } from './kit.js';

const PEOPLE = ['Ines Own', 'Otto Own', 'Uma Own'];

/**
 * "Connect your own CardDAV server": a Radicale this test starts (the CardDAV tests' launcher), with a
 * book of three cards; the person gives its address, user and password, picks the book, and the
 * contacts sync through the demo's relay. The password is never stored by the page.
 */
describe('connect your own CardDAV server', () => {
  let session: DemoSession;
  let demo: DemoServer;
  let page: Page;
  let ui: ReturnType<typeof app>;
  let radicale: CardDavServer;
  let bookUrl: string;

  beforeAll(async () => {
    radicale = await startRadicale();
    const client = new RemoteClient(radicale);
    bookUrl = await client.makeBook('own-book', 'My own book');
    for (const [i, full] of PEOPLE.entries()) {
      const [given = '', family = ''] = full.split(' ');
      const card = writeVCard(
        { ...EMPTY_DRAFT, name: { ...EMPTY_DRAFT.name, given, family }, emails: [{ type: 'personal', address: `own${i}@example.org` }] },
        { uid: `own-${i}`, version: '3.0' },
      );
      expect((await client.put(`${new URL(bookUrl).pathname}own-${i}.vcf`, card)).status).toBe(201);
    }
    session = await openDemo({ contacts: 20 });
    ({ demo, page, ui } = session);
  });

  afterAll(async () => {
    await session?.close();
    await radicale?.close();
  });

  it('refuses a server that is not on this machine, and the demo itself', async () => {
    const refused = async (url: string): Promise<number> =>
      (await fetch(new URL('api/own-carddav', demo.url), { method: 'POST', body: JSON.stringify({ url }) })).status;
    expect(await refused('https://dav.example.org/')).toBe(400);
    expect(await refused('http://10.0.0.1:5232/')).toBe(400);
    expect(await refused(demo.url)).toBe(400);
    expect(await refused('http://alice:pw@127.0.0.1:5232/')).toBe(400);
    // An unknown relay id reaches nothing.
    expect((await fetch(new URL('api/own-carddav/not-a-relay/alice/', demo.url), { method: 'PROPFIND' })).status).toBe(404);
  });

  it('finds the user’s address books, syncs the one picked and shows its contacts; the password is kept in memory only', async () => {
    await page.goto(demo.url);
    await page.getByLabel('Server address').fill(radicale.url);
    await page.getByLabel('User name').fill(radicale.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Find address books' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The server refused this user name and password.');

    await page.getByLabel('Password').fill(radicale.password);
    await page.getByRole('button', { name: 'Find address books' }).click();
    await page.getByRole('button', { name: /My own book/ }).click();
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 30_000 }).toBe('Up to date.');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('3 contacts');
    for (const name of PEOPLE) expect(await ui.row(name).count()).toBe(1);

    // A change made here reaches the user's server.
    await ui.openContact('own1@example.org');
    await ui.editJobTitle('Set through the relay');
    const client = new RemoteClient(radicale);
    await expect
      .poll(async () => (await client.get(`${new URL(bookUrl).pathname}own-1.vcf`)).text, { timeout: 30_000 })
      .toContain('Set through the relay');

    // Nothing the page stores holds the password.
    const stored = await page.evaluate(async () => {
      const local = JSON.stringify({ ...localStorage });
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      return { local, names };
    });
    expect(stored.local).not.toContain(radicale.password);
    expect(stored.names.some((n) => n.startsWith('contactsync-own/carddav/'))).toBe(true);
  });
});
