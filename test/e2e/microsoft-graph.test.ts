import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { app, CONTACTS_PER_ACCOUNT, type DemoSession, eventually, openDemo, screenshot } from './kit.js';

/**
 * The demo against the emulated Microsoft Graph mailbox (delta pages behind the demo's proxy, which
 * rewrites the emulator's absolute links to its own origin), driven by the same server console.
 */
describe('demo app on Microsoft Graph', () => {
  let demo: DemoServer;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const server = () => demo.emulators.graph.control;
  const serverContact = (email: string) =>
    server()
      .list()
      .find((e) => e.contact.emails.some((m) => m.address === email))?.contact;

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo();
    ({ demo, page, ui } = session);
  });

  afterAll(() => session?.close());

  it('completes the first sync of the generated book over delta pages', async () => {
    await page.goto(demo.url);
    await ui.pickAccount(/Microsoft Graph/);
    await expect.poll(() => ui.initialBar.getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe(String(CONTACTS_PER_ACCOUNT));
    await expect.poll(() => page.getByTestId('match-count').textContent(), { timeout: 30_000 }).toBe('2,000 contacts');
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 30_000 }).toBe('Up to date.');
    // Several delta pages (200 each), every link followed through the proxy.
    expect(
      server()
        .log()
        .filter((e) => /\/delta/.test(e.path)).length,
    ).toBeGreaterThanOrEqual(CONTACTS_PER_ACCOUNT / 200);
    await screenshot(page, 'graph-first-sync');
  });

  it('shows an edit made on another device from the server console, and sends an edit of its own', async () => {
    const email = server().list()[5]!.contact.emails[0]!.address;
    await ui.openContact(email);
    await ui.consoleTab.click();
    await page.getByLabel('Field').selectOption('jobTitle');
    await page.getByLabel('New value').fill('Changed on another Graph device');
    await page.getByRole('button', { name: 'Change it on the server' }).click();
    await expect.poll(() => page.getByTestId('console-log').textContent()).toContain('Another device changed jobTitle');
    await ui.contactsTab.click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => page.getByRole('article').textContent(), { timeout: 30_000 }).toContain('Changed on another Graph device');

    await ui.editJobTitle('Edited in the demo');
    await eventually(() => expect(serverContact(email)?.jobTitle).toBe('Edited in the demo'), 30_000);
    await expect.poll(() => ui.pending.textContent(), { timeout: 30_000 }).toBe('No pending changes');
  });
});
