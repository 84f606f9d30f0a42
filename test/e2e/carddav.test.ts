import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import type { DemoRadicale } from '../../packages/demo-web/server/demo-radicale.js';
import { app, CONTACTS_PER_ACCOUNT, type DemoSession, eventually, openDemo, screenshot } from './kit.js';

/** The card file in Radicale's storage that holds `text` (Radicale keeps one file per card). */
async function cardWith(radicale: DemoRadicale, text: string): Promise<{ name: string; body: string } | undefined> {
  for (const name of (await readdir(radicale.folder)).filter((n) => n.endsWith('.vcf'))) {
    const body = await readFile(join(radicale.folder, name), 'utf8');
    if (body.includes(text)) return { name, body };
  }
  return undefined;
}

/**
 * The CardDAV account against the real Radicale the demo starts, through the adapter's relay on the
 * demo's origin. "Another client" is this test, writing to Radicale directly with a conditional PUT.
 */
describe('demo app on CardDAV (a real Radicale)', () => {
  let demo: DemoServer;
  let radicale: DemoRadicale;
  let page: Page;
  let ui: ReturnType<typeof app>;

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo({ carddav: true });
    ({ demo, page, ui } = session);
    if (demo.radicale === null) throw new Error('Radicale is not installed: run node scripts/ensure-carddav-servers.mjs');
    radicale = demo.radicale;
  });

  afterAll(() => session?.close());

  it('completes the first sync of the seeded book', async () => {
    await page.goto(demo.url);
    await ui.pickAccount(/CardDAV/);
    await expect
      .poll(() => page.getByTestId('match-count').textContent(), { timeout: 90_000 })
      .toBe(`${CONTACTS_PER_ACCOUNT.toLocaleString('en-US')} contacts`);
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 30_000 }).toBe('Up to date.');
    await screenshot(page, 'carddav-first-sync');
  });

  it('shows an edit another client made with a direct PUT to Radicale, and sends its own; the card keeps its photo', async () => {
    // A seeded card with a photo, a URL and an X- property (seed-cards.ts): none is in the contact model.
    const seeded = await cardWith(radicale, 'PHOTO;ENCODING=b;TYPE=PNG:');
    if (seeded === undefined) throw new Error('no seeded card with a photo');
    const { body } = seeded;
    const unfold = (text: string): string => text.replace(/\r?\n[ \t]/g, '');
    const foreign = unfold(body)
      .split('\r\n')
      .filter((line) => /^(PHOTO|URL|X-)/.test(line));
    expect(foreign.some((line) => line.startsWith('PHOTO;'))).toBe(true);
    const email = /^EMAIL[^:]*:(.+)$/m.exec(body)![1]!.trim();
    await ui.openContact(email);

    const url = new URL(`${radicale.bookPath}${seeded.name}`, radicale.origin);
    const current = await fetch(url, { headers: { Authorization: radicale.authorization } });
    const etag = current.headers.get('etag')!;
    const text = await current.text();
    const edited = /^TITLE:/m.test(text)
      ? text.replace(/^TITLE:.*$/m, 'TITLE:Changed by another CardDAV client')
      : text.replace(/^END:VCARD/m, 'TITLE:Changed by another CardDAV client\r\nEND:VCARD');
    const put = await fetch(url, {
      method: 'PUT',
      headers: { Authorization: radicale.authorization, 'Content-Type': 'text/vcard; charset=utf-8', 'If-Match': etag },
      body: edited,
    });
    expect([201, 204]).toContain(put.status);

    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => page.getByRole('article').textContent(), { timeout: 30_000 }).toContain('Changed by another CardDAV client');

    await ui.editJobTitle('Edited in the demo and stored in Radicale');
    await eventually(
      async () => expect((await cardWith(radicale, email))?.body).toContain('Edited in the demo and stored in Radicale'),
      30_000,
    );
    await expect.poll(() => ui.pending.textContent(), { timeout: 30_000 }).toBe('No pending changes');

    // The server console edits as another careful client: the adapter's vCard patch, one field rewritten.
    const answer = await fetch(new URL('api/console/carddav/edit-contact', demo.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ match: { emails: [email], given: '', family: '' }, field: 'notes', value: 'Noted by the console' }),
    });
    expect(((await answer.json()) as { ok: boolean }).ok).toBe(true);
    const after = unfold((await cardWith(radicale, email))?.body ?? '');
    expect(after).toContain('NOTE:Noted by the console');
    expect(after).toContain('Edited in the demo and stored in Radicale');
    for (const line of foreign) expect(after).toContain(line);
  });
});
