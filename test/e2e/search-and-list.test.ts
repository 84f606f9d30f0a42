import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { launchBrowser, type TestBrowser } from './browser.js';
import { app, eventually, startSmallDemo } from './kit.js';

/** Search and the list: a new search from the top, matches highlighted, "No matches" said. */
describe('search and the contact list', () => {
  let demo: DemoServer;
  let browser: TestBrowser;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const server = () => demo.emulators.windowsLive.control;
  const viewportTop = () => page.locator('.virtual-viewport').evaluate((el) => el.scrollTop);

  beforeAll(async () => {
    demo = await startSmallDemo(400);
    browser = await launchBrowser();
    page = await browser.newPage();
    ui = app(page);
    await page.goto(demo.url);
    await ui.pickAccount(/Windows Live/);
    await eventually(async () => expect(await ui.syncLine.textContent()).toBe('Up to date.'), 60_000);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

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
    const contact = server().list().find((e) => e.contact.name.family.length >= 4)!.contact;
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
});
